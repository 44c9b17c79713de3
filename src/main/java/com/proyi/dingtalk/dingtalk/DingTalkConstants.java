package com.proyi.dingtalk.dingtalk;

import org.apache.camel.spi.Metadata;

/** The message headers the {@code dingtalk:} component reads and sets. */
public final class DingTalkConstants {

    @Metadata(description = "The tenant whose DingTalk app makes the call; overrides the endpoint's tenant option.",
            javaType = "String")
    public static final String TENANT = "CamelDingTalkTenant";

    @Metadata(label = "sendWorkNotification", required = true,
            description = "The DingTalk user ids to notify: a List, or one comma-separated String; 1 to 100 of them.",
            javaType = "List<String> or String")
    public static final String USER_IDS = "CamelDingTalkUserIds";

    @Metadata(label = "sendWorkNotification",
            description = "Set after sending: DingTalk's task_id, for getsendresult, recall and status bar updates.",
            javaType = "Long")
    public static final String TASK_ID = "CamelDingTalkTaskId";

    private DingTalkConstants() {
    }
}
