package com.proyi.dingtalk.contacts;

import java.util.List;
import java.util.Set;

/**
 * What a sync run has to do for one tenant: the reconciliation of ProYi's active people with the
 * members of the sync's DingTalk departments.
 *
 * @param creates     people DingTalk does not have
 * @param updates     people whose DingTalk profile or department differs; {@code member} is null when
 *                    the person's known userid was not found in the sync's departments; {@code keptInPlace}
 *                    when the person is an employee adopted in place (see {@link SyncState#adoptedInPlace}),
 *                    whose departments the update leaves alone
 * @param links       people found in DingTalk as they should be, whose id is not yet written back or remembered
 * @param unchanged   people with no change since the last successful sync
 * @param removals    members of the sync's departments who are not active in ProYi
 * @param memberCount members listed in the sync's departments
 * @param held        people DingTalk refused for good with their current data (see {@link SyncState#heldBack}):
 *                    left alone until that data changes
 * @param knownIds    DingTalk ids the people hold or the sync remembers for them: never adopted by someone else
 */
public record ContactPlan(List<Create> creates, List<Update> updates, List<Link> links, int unchanged,
                          List<DingTalkMember> removals, int memberCount, List<Held> held, Set<String> knownIds) {

    public record Create(Person person, String path, String hash) {
    }

    public record Update(Person person, String userId, DingTalkMember member, List<String> changes, String path,
                         String hash, boolean keptInPlace) {
    }

    public record Link(Person person, String userId, String hash) {
    }

    public record Held(Person person, SyncState state) {
    }
}
