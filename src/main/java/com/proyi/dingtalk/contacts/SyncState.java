package com.proyi.dingtalk.contacts;

/** What the sync last pushed for a person: the DingTalk userid and the hash of the fields sent (null after a failure). */
public record SyncState(String dingtalkUserId, String contentHash) {
}
