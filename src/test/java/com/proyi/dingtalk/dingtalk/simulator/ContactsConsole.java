package com.proyi.dingtalk.dingtalk.simulator;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What an administrator does in the DingTalk admin console, for tests and the demo: look at and
 * change the address book, configure the HTTP event subscription and push contact events.
 */
public final class ContactsConsole {

    private static final DepartmentSettings.Changes NO_CHANGES = new DepartmentSettings.Changes(null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    private final ContactDirectory directory;
    private final EventPusher pusher = new EventPusher();
    private final Clock clock;
    private volatile EventPusher.Subscription subscription;

    ContactsConsole(ContactDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public List<ContactUser> users(String corpId) {
        return directory.users(corpId);
    }

    public Optional<ContactUser> user(String corpId, String userId) {
        return directory.findUser(corpId, userId);
    }

    /** Every department of the organisation, the root included. */
    public List<ContactDepartment> departments(String corpId) {
        return directory.departments(corpId);
    }

    public ContactDepartment createDepartment(String corpId, String name, long parentId) {
        return directory.createDepartment(corpId, name, parentId, NO_CHANGES);
    }

    /** The department with its settings (API.md §5.8), as v2/department/get reports them. */
    public Optional<ContactDepartment> department(String corpId, long deptId) {
        return directory.department(corpId, deptId);
    }

    /**
     * Whether {@code viewerUserId} sees {@code targetUserId} in the DingTalk client's directory,
     * given the departments' hide_dept and outer_dept settings (the rules are in
     * {@link DirectoryVisibility}). The app's API reads are not filtered by these settings.
     */
    public boolean canSee(String corpId, String viewerUserId, String targetUserId) {
        return directory.canSee(corpId, viewerUserId, targetUserId);
    }

    /** Everyone {@code viewerUserId} sees in the DingTalk client's directory, themselves included. */
    public List<ContactUser> visibleTo(String corpId, String viewerUserId) {
        return directory.visibleTo(corpId, viewerUserId);
    }

    public ContactUser addUser(String corpId, String userId, String name, String mobile, List<Long> deptIds) {
        return directory.createUser(corpId, userId, new ContactDirectory.UserFields(name, mobile, null, null, null, deptIds));
    }

    public void removeUser(String corpId, String userId) {
        directory.deleteUser(corpId, userId);
    }

    /** Forgets all departments, contact users and the event subscription. */
    public void reset() {
        directory.reset();
        subscription = null;
    }

    /** The HTTP push settings of the developer console (事件订阅): URL, token, aes_key and the owner key (AppKey). */
    public void subscribeEvents(String url, String token, String aesKey, String ownerKey) {
        subscription = new EventPusher.Subscription(url, token, aesKey, ownerKey);
    }

    /** Pushes an event as DingTalk does: now, with a fresh nonce and a correct signature. */
    public PushResult pushEvent(String eventJson) {
        return pushEvent(eventJson, clock.millis(), PushCrypto.randomText(16));
    }

    /** Pushes with a chosen timestamp and nonce, to replay a nonce or send a stale request. */
    public PushResult pushEvent(String eventJson, long timestampMillis, String nonce) {
        return pusher.push(requireSubscription(), eventJson, timestampMillis, nonce, null);
    }

    /** Pushes with a wrong signature, as a forger without the token would. */
    public PushResult pushEventWithSignature(String eventJson, String signature) {
        return pusher.push(requireSubscription(), eventJson, clock.millis(), PushCrypto.randomText(16), signature);
    }

    private EventPusher.Subscription requireSubscription() {
        EventPusher.Subscription current = subscription;
        if (current == null) {
            throw new IllegalStateException("no event subscription: call subscribeEvents first");
        }
        return current;
    }
}
