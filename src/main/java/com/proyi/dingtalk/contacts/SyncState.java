package com.proyi.dingtalk.contacts;

/**
 * What the sync last pushed for a person: the DingTalk userid and the hash of the fields sent (null
 * after a failure). {@code failedHash} is the fingerprint of the person's data when DingTalk refused
 * them in a way only a change of that data (or an administrator in DingTalk) can resolve, null otherwise.
 */
public record SyncState(String dingtalkUserId, String contentHash, Integer errorCode, String lastError,
                        String failedHash) {

    public SyncState(String dingtalkUserId, String contentHash) {
        this(dingtalkUserId, contentHash, null, null, null);
    }

    /** Whether the person was refused for good with exactly this data. */
    boolean heldBack(String hash) {
        return failedHash != null && failedHash.equals(hash);
    }
}
