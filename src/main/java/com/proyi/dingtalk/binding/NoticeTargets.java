package com.proyi.dingtalk.binding;

import java.util.Optional;

/**
 * Where a tap on a notice lands: the free-login page is opened as {@code /dingtalk/h5/?notice=<event
 * id>[&button=<n>]} and asks for the ProYi page of that notice or button on the person's platform.
 * Implemented by the notice side (its mappings know the pages).
 */
public interface NoticeTargets {

    /**
     * @param button null for the notice itself, else the index of its button
     * @param pc     whether the person is in the DingTalk PC client
     * @return the ProYi path, e.g. {@code /WXDefault.aspx?docid=7}; empty for an unknown notice
     */
    Optional<String> target(String tenantId, long eventId, Integer button, boolean pc);
}
