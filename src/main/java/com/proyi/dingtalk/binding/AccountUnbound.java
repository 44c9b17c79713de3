package com.proyi.dingtalk.binding;

/**
 * Published when a ProYi account's binding to a DingTalk user is removed (logout, password change,
 * resignation, admin, ...), inside the unbinding's transaction. Whoever keeps something per
 * DingTalk user (the unionId cache of the to-do tasks) listens for it.
 */
public record AccountUnbound(String tenantId, String account, String dingtalkUserId, String reason) {}
