package com.proyi.dingtalk.dingtalk;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The tenants the module serves: "default" when set at the top level (or when nothing is set), plus dingtalk.tenants.*. */
@Component
public class ConfiguredTenants {

    private final DingTalkProperties properties;

    public ConfiguredTenants(DingTalkProperties properties) {
        this.properties = properties;
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (properties.getAppKey() != null || properties.getTenants().isEmpty()) {
            ids.add(DingTalkProperties.DEFAULT_TENANT);
        }
        properties.getTenants().keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }
}
