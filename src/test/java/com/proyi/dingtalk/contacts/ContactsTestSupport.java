package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.simulator.ContactDepartment;
import com.proyi.dingtalk.dingtalk.simulator.ContactUser;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** An empty DingTalk address book and no ProYi people before each test, and the admin API to start runs. */
abstract class ContactsTestSupport extends ModuleIntegrationTest {

    static final String[] WRITE_APIS = {"/topapi/v2/user/create", "/topapi/v2/user/update", "/topapi/v2/user/delete",
            "/topapi/v2/department/create"};
    static final String LIST = "/topapi/v2/user/list";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void emptyAddressBook() {
        simulator.contacts().reset();
        for (String table : new String[] {"dingtalk_contact_sync_state", "dingtalk_contact_department", "dingtalk_sync_run",
                "dingtalk_event_inbox", "dingtalk_callback_nonce", "dingtalk_contact_change", "proyi_partner_contact", "dingtalk_binding",
                "dingtalk_binding_audit", "proyi_user"}) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    AdminApi admin() {
        return new AdminApi(port, "admin", "admin-pass");
    }

    /** An active employee; department levels are separated by "/". */
    void hr(String account, String name, String mobile, String department) {
        jdbc.update("INSERT INTO proyi_hr_record (tenant_id, account, name, mobile, department, title, employment_status)"
                + " VALUES ('default', ?, ?, ?, ?, '职员', 'ACTIVE')", account, name, mobile, department);
    }

    void partner(String account, String kind, String company, String name, String mobile) {
        jdbc.update("INSERT INTO proyi_partner_contact (tenant_id, account, kind, partner_name, name, mobile, status)"
                + " VALUES ('default', ?, ?, ?, ?, ?, 'ACTIVE')", account, kind, company, name, mobile);
    }

    JsonNode sync() throws Exception {
        return post("/api/admin/contacts/sync");
    }

    JsonNode dryRun() throws Exception {
        return post("/api/admin/contacts/sync?dryRun=true");
    }

    /** The default tenant's part of a report. */
    static JsonNode tenant(JsonNode report) {
        for (JsonNode tenant : report.path("tenants")) {
            if ("default".equals(tenant.path("tenantId").asText())) {
                return tenant;
            }
        }
        throw new AssertionError("no default tenant in " + report);
    }

    JsonNode post(String path) throws Exception {
        HttpResponse<String> response = admin().post(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    String hrUserId(String account) {
        return jdbc.queryForObject("SELECT dingtalk_userid FROM proyi_hr_record WHERE tenant_id = 'default' AND account = ?",
                String.class, account);
    }

    String partnerUserId(String account) {
        return jdbc.queryForObject("SELECT dingtalk_userid FROM proyi_partner_contact WHERE tenant_id = 'default' AND account = ?",
                String.class, account);
    }

    Optional<ContactUser> dingTalkUser(String userId) {
        return simulator.contacts().user(CORP, userId);
    }

    /** The id of the department at the path, e.g. "员工/采购部". */
    long department(String path) {
        long parent = 1;
        for (String name : path.split("/")) {
            long parentId = parent;
            parent = simulator.contacts().departments(CORP).stream()
                    .filter(d -> d.parentId() == parentId && d.name().equals(name)).map(ContactDepartment::id).findFirst()
                    .orElseThrow(() -> new AssertionError("no department " + path + " in " + simulator.contacts().departments(CORP)));
        }
        return parent;
    }

    int writeCalls() {
        int calls = 0;
        for (String api : WRITE_APIS) {
            calls += simulator.calls(api);
        }
        return calls;
    }

    List<String> auditReasons(String account) {
        return jdbc.queryForList("SELECT CONCAT(action, ' ', reason) FROM dingtalk_binding_audit WHERE account = ? ORDER BY id",
                String.class, account);
    }
}
