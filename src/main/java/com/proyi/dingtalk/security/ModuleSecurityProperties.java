package com.proyi.dingtalk.security;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Limits on what callers who have not (yet) proved who they are can make the module do. */
@Validated
@ConfigurationProperties("proyi.security")
public class ModuleSecurityProperties {

    /**
     * The largest request body read on the endpoints that authenticate by the body itself or not at all
     * (ProYi's webhook, DingTalk's callback, ticket redemption, the H5 page's login, bind and logout); a
     * larger one is answered 413 before anything parses or signs it.
     */
    @NotNull private DataSize maxBodySize = DataSize.ofKilobytes(256);

    public DataSize getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
}
