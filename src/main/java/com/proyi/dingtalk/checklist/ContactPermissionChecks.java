package com.proyi.dingtalk.checklist;

import static com.proyi.dingtalk.checklist.DeveloperConsole.PERMISSIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The four contact permissions ProYi's guide asks for (通讯录只读, 通讯录编辑, 手机号码, 邮箱等个人信息).
 * {@code /auth/scopes} (API.md §5.8a) shows the readable user fields and the contact range; whether
 * the app may also write contacts is not visible there. Contact sync needs these, notices do not.
 */
@Component
public class ContactPermissionChecks {

    static final String SCOPES_API = "/auth/scopes";

    private static final Set<Integer> NO_PERMISSION = Set.of(60011, 43007);
    private static final long WHOLE_ORGANISATION = 1;

    private final DingTalkClient dingTalk;

    public ContactPermissionChecks(DingTalkClient dingTalk) {
        this.dingTalk = dingTalk;
    }

    public List<CheckItem> check(String tenant, boolean tokenWorks) {
        if (!tokenWorks) {
            return List.of(
                    blocked("dingtalk.contacts-read", "通讯录只读权限"),
                    blocked("dingtalk.contacts-write", "通讯录编辑权限"),
                    blocked("dingtalk.mobile", "手机号码信息权限"),
                    blocked("dingtalk.email", "邮箱等个人信息权限"));
        }
        JsonNode scopes;
        try {
            scopes = dingTalk.get(tenant, SCOPES_API, Map.of());
        } catch (DingTalkException e) {
            CheckItem read = NO_PERMISSION.contains(e.errcode())
                    ? CheckItem.missing("dingtalk.contacts-read", "通讯录只读权限", false,
                            "钉钉拒绝读取通讯录权限范围（errcode " + e.errcode() + " " + e.errmsg() + "）",
                            "在 " + PERMISSIONS + " 开通“通讯录只读权限”")
                    : DingTalkAppChecks.unreachable("dingtalk.contacts-read", "通讯录只读权限", false, e);
            return List.of(read, writeCannotBeSeen(),
                    blocked("dingtalk.mobile", "手机号码信息权限"), blocked("dingtalk.email", "邮箱等个人信息权限"));
        }
        List<CheckItem> items = new ArrayList<>();
        items.add(range(scopes.path("auth_org_scopes")));
        items.add(writeCannotBeSeen());
        items.add(userField(scopes, "mobile", "dingtalk.mobile", "手机号码信息权限", "手机号码信息"));
        items.add(userField(scopes, "email", "dingtalk.email", "邮箱等个人信息权限", "邮箱等个人信息"));
        return items;
    }

    private static CheckItem range(JsonNode orgScopes) {
        List<Long> departments = new ArrayList<>();
        orgScopes.path("authed_dept").forEach(id -> departments.add(id.asLong()));
        int users = orgScopes.path("authed_user").size();
        String title = "通讯录只读权限";
        if (departments.contains(WHOLE_ORGANISATION)) {
            return CheckItem.ok("dingtalk.contacts-read", title, false, "通讯录范围：全部员工");
        }
        String fix = "在 " + PERMISSIONS + " → 权限范围 选择“全部员工”，并确认已开通“通讯录只读权限”";
        if (departments.isEmpty() && users == 0) {
            return CheckItem.missing("dingtalk.contacts-read", title, false, "通讯录范围为空", fix);
        }
        return CheckItem.wrong("dingtalk.contacts-read", title, false,
                "通讯录范围只含部门 " + departments + " 和 " + users + " 个人员，范围外的人无法同步", fix);
    }

    private static CheckItem userField(JsonNode scopes, String field, String key, String title, String permission) {
        for (JsonNode granted : scopes.path("auth_user_field")) {
            if (field.equals(granted.asText())) {
                return CheckItem.ok(key, title, false, "可读取字段 " + field);
            }
        }
        return CheckItem.missing(key, title, false, "可读取的人员字段中没有 " + field,
                "在 " + PERMISSIONS + " 搜索“" + permission + "”并申请开通");
    }

    private static CheckItem writeCannotBeSeen() {
        return CheckItem.cannotCheck("dingtalk.contacts-write", "通讯录编辑权限", false,
                "钉钉没有只读接口能显示此权限",
                "在 " + PERMISSIONS + " 确认“通讯录编辑权限”已开通；缺少时通讯录同步会报 errcode 60011，显示在控制台的“钉钉错误”中");
    }

    private static CheckItem blocked(String key, String title) {
        return CheckItem.cannotCheck(key, title, false, "需要 access_token", "先处理“AppKey / AppSecret”一项");
    }
}
