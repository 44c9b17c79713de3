package com.proyi.dingtalk.checklist;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** What the set-up checklist needs beyond the DingTalk and ProYi settings it checks. */
@Validated
@ConfigurationProperties("proyi.checklist")
public class ChecklistProperties {

    /**
     * This module's public base URL as phones and PCs inside DingTalk reach it, e.g.
     * https://dingtalk.proyi.example.com; the URLs and the domain to enter in DingTalk's
     * developer console are computed from it.
     */
    @Pattern(regexp = "(https?://[^/?#]+(/[^?#]*)?)?", message = "proyi.checklist.module-url must be an http(s) URL")
    private String moduleUrl;

    /** Path of the H5 entry page (free login) below module-url. */
    @NotNull private String h5Path = "/dingtalk/h5/";

    /** Path of the operations console below module-url, entered as 管理后台地址. */
    @NotNull private String consolePath = "/console/";

    /** The admin API and the console reuse a checklist this young instead of calling DingTalk again. */
    @NotNull private Duration reuseFor = Duration.ofMinutes(1);

    public String getModuleUrl() { return moduleUrl; }
    public void setModuleUrl(String moduleUrl) { this.moduleUrl = moduleUrl; }
    public String getH5Path() { return h5Path; }
    public void setH5Path(String h5Path) { this.h5Path = h5Path; }
    public String getConsolePath() { return consolePath; }
    public void setConsolePath(String consolePath) { this.consolePath = consolePath; }
    public Duration getReuseFor() { return reuseFor; }
    public void setReuseFor(Duration reuseFor) { this.reuseFor = reuseFor; }
}
