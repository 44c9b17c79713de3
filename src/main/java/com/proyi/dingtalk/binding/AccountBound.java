package com.proyi.dingtalk.binding;

/**
 * Published once a ProYi account has been bound to a DingTalk user through the bind form, after the
 * binding is committed. Whoever kept something waiting for the account (notices) listens for it.
 */
public record AccountBound(String tenantId, String account, String dingtalkUserId) {}
