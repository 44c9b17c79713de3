package com.proyi.dingtalk.dingtalk.simulator;

/** An enterprise-internal app: its credentials, its micro-app AgentId and the org it belongs to. */
record SimApp(String appKey, String appSecret, long agentId, String corpId) {
}
