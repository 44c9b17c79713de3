package com.proyi.dingtalk.binding;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The dd.config signature of API.md §4.2: {@code jsapi_ticket=..&noncestr=..&timestamp=..&url=..}
 * over the normalized page URL, hashed and hex encoded in lower case.
 */
public final class JsapiSignature {

    /** Which hash; DingTalk's own samples use both (API.md §4.2). */
    public enum Algorithm {
        SHA_1("SHA-1"), SHA_256("SHA-256");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }
    }

    private JsapiSignature() {
    }

    public static String sign(Algorithm algorithm, String ticket, String nonceStr, String timeStamp, String pageUrl) {
        String plain = "jsapi_ticket=" + ticket + "&noncestr=" + nonceStr + "&timestamp=" + timeStamp
                + "&url=" + normalizedUrl(pageUrl);
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm.jcaName);
            return HexFormat.of().formatHex(digest.digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaName + " unavailable", e);
        }
    }

    /**
     * scheme://authority/path plus the URL-decoded query, without the fragment: iOS hands over an
     * encoded URL and Android a raw one, and DingTalk's official sample signs this form of both.
     *
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
     */
    public static String normalizedUrl(String pageUrl) {
        URI uri;
        try {
            uri = new URI(pageUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + e.getMessage());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("url must be the page's absolute http(s) URL (location.href)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + path;
        String query = uri.getRawQuery();
        return query == null ? base : base + "?" + URLDecoder.decode(query, StandardCharsets.UTF_8);
    }
}
