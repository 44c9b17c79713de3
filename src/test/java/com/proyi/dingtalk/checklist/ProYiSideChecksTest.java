package com.proyi.dingtalk.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.contacts.SyncProperties;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ProYi tables the features read, checked against the live MariaDB schema. */
class ProYiSideChecksTest extends ModuleIntegrationTest {

    @Autowired DataSource dataSource;
    @Autowired ProYiProperties properties;

    @Test
    void theReferenceTablesPass() {
        Map<String, CheckItem> items = check("proyi_partner_contact");

        assertThat(items.get("proyi.hr-table").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("proyi.user-table").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("proyi.partner-table").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void aMissingPartnerTableIsMissingButNotEssential() {
        CheckItem partners = check("crm_contacts").get("proyi.partner-table");

        assertThat(partners.status()).isEqualTo(CheckStatus.MISSING);
        assertThat(partners.essential()).isFalse();
        assertThat(partners.found()).contains("crm_contacts");
        assertThat(partners.fix()).contains("proyi.sync.partners.table");
    }

    @Test
    void aMisnamedDingTalkColumnIsWrongAndNamesItsKey() {
        ProYiProperties misnamed = new ProYiProperties();
        misnamed.getHr().setDingtalkColumn("dingding_id");

        CheckItem hr = check(misnamed, "proyi_partner_contact").get("proyi.hr-table");

        assertThat(hr.status()).isEqualTo(CheckStatus.WRONG);
        assertThat(hr.essential()).isTrue();
        assertThat(hr.found()).contains("dingding_id (proyi.hr.dingtalk-column)");
    }

    private Map<String, CheckItem> check(String partnerTable) {
        return check(properties, partnerTable);
    }

    private Map<String, CheckItem> check(ProYiProperties settings, String partnerTable) {
        SyncProperties sync = new SyncProperties();
        sync.getPartners().setTable(partnerTable);
        return new ProYiSideChecks(dataSource, jdbc, settings, sync).check().stream()
                .collect(Collectors.toMap(CheckItem::key, Function.identity()));
    }
}
