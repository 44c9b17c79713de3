package com.proyi.dingtalk.dingtalk.simulator;

import java.util.List;

/** A user in a simulated organisation's address book; email, title and job number may be null. */
public record ContactUser(String userId, String unionId, String name, String mobile, String email, String title,
                          String jobNumber, List<Long> deptIds) {
}
