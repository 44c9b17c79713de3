package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.config.LinkBuilder;
import com.proyi.dingtalk.config.ProYiProperties;
import org.springframework.stereotype.Component;

/**
 * Where a logged-in person continues in ProYi: ProYi's ticket landing page, which redeems the
 * ticket and then opens the target. Targets are kept inside ProYi, so the H5 page cannot be used
 * to send someone, with a valid ticket, to a foreign site.
 */
@Component
public class ProYiLanding {

    private static final String HOME = "/";

    private final String baseUrl;
    private final String landingPath;

    public ProYiLanding(ProYiProperties proyi, BindingProperties settings) {
        this.baseUrl = LinkBuilder.absolute(proyi.getBaseUrl(), "");
        this.landingPath = settings.getTicketLandingPath();
    }

    /**
     * A ProYi path such as {@code /WXDefault.aspx?docid=1}, or a URL under the ProYi base URL made
     * into one; anything else (other hosts, protocol-relative URLs, control characters such as tab, CR
     * and LF) becomes the home page.
     */
    public String safeTarget(String target) {
        if (target == null || target.isBlank()) {
            return HOME;
        }
        String path = target.strip();
        if (path.startsWith(baseUrl + "/")) {
            path = path.substring(baseUrl.length());
        }
        boolean insideProYi = path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
        return insideProYi ? path : HOME;
    }

    /** The URL the H5 page redirects to. */
    public String urlFor(String ticket, String target) {
        return baseUrl + landingPath + "?ticket=" + LinkBuilder.encode(ticket)
                + "&target=" + LinkBuilder.encode(safeTarget(target));
    }
}
