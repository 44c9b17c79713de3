package com.proyi.dingtalk.contacts;

/**
 * What the sync last pushed for a person: the DingTalk userid and the hash of the fields sent (null
 * after a failure). {@code failedHash} is the fingerprint of the person's data when DingTalk refused
 * them in a way only a change of that data (or an administrator in DingTalk) can resolve, null otherwise.
 * {@code adoptedInPlace}: an employee adopted in the DingTalk departments they were already in, not
 * added to the employee portal department (proyi.sync.contacts.adopted-employees-join-portal false).
 */
public record SyncState(String dingtalkUserId, String contentHash, Integer errorCode, String lastError,
                        String failedHash, boolean adoptedInPlace) {

    public SyncState(String dingtalkUserId, String contentHash) {
        this(dingtalkUserId, contentHash, null, null, null, false);
    }

    public SyncState(String dingtalkUserId, String contentHash, Integer errorCode, String lastError, String failedHash) {
        this(dingtalkUserId, contentHash, errorCode, lastError, failedHash, false);
    }

    /** Whether the person was refused for good with exactly this data. */
    boolean heldBack(String hash) {
        return failedHash != null && failedHash.equals(hash);
    }
}
