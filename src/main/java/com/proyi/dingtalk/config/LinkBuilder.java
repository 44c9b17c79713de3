package com.proyi.dingtalk.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the links a DingTalk message opens (API.md 8.4). */
public final class LinkBuilder {

    private static final String PC_SLIDE = "dingtalk://dingtalkclient/page/link?url=%s&pc_slide=true";

    private LinkBuilder() {
    }

    /**
     * Wraps a web URL so that the DingTalk PC client opens it in its side panel instead of the system
     * browser; mobile clients open it in the in-app browser either way.
     */
    public static String pcSlide(String targetUrl) {
        return PC_SLIDE.formatted(encode(targetUrl));
    }

    /** Prefixes a ProYi path such as {@code /WXDefault.aspx?...} with the ProYi base URL. */
    public static String absolute(String baseUrl, String path) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path;
    }

    /** UTF-8 URL encoding with {@code %20} for spaces, which is right in both paths and query strings. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
