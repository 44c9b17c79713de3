package com.proyi.dingtalk.contacts;

import java.util.List;

/** A user as DingTalk's department member list returns them; fields DingTalk omits are null. */
public record DingTalkMember(String userId, String name, String mobile, String email, String title, String jobNumber,
                             List<Long> deptIds) {
}
