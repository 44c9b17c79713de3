package com.proyi.dingtalk.contacts;

import com.proyi.dingtalk.config.ProYiProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The scheduled contact sync (ProYi to DingTalk) and the resignation sweep. The crons are read by
 * routes/contacts-sync.camel.yaml and routes/resignations.camel.yaml; they run on the clustered
 * Quartz scheduler, so each firing happens on one instance only.
 */
@Validated
@ConfigurationProperties("proyi.sync")
public class SyncProperties {

    @Valid private final Contacts contacts = new Contacts();
    @Valid private final Resignations resignations = new Resignations();
    @Valid private final Partners partners = new Partners();

    public Contacts getContacts() { return contacts; }
    public Resignations getResignations() { return resignations; }
    public Partners getPartners() { return partners; }

    /** Pushing employees, customer and supplier contacts into DingTalk's address book. */
    public static class Contacts {
        /**
         * Quartz cron of the full sync, the reconciliation that catches what the change triggers
         * missed (default nightly at 02:00).
         */
        @NotBlank private String cron = "0 0 2 * * ?";
        /**
         * How often routes/contact-changes.camel.yaml picks up the changes ProYi's triggers wrote
         * into dingtalk_contact_change (sql/proyi-contact-triggers.mysql.sql).
         */
        @NotNull private Duration changesPollInterval = Duration.ofSeconds(1);
        /** Top department of the employee portal in DingTalk. */
        @NotBlank private String employeesDepartment = "员工";
        /** Top department of the customer portal; customer contacts go below it, one department per company. */
        @NotBlank private String customersDepartment = "客户";
        /** Top department of the supplier portal; supplier contacts go below it, one department per company. */
        @NotBlank private String suppliersDepartment = "供应商";
        /**
         * Largest share of the people in the sync's DingTalk departments that one run may remove;
         * a run that would remove more stops and only reports.
         */
        @DecimalMin("0.0") @DecimalMax("1.0") private double maxRemovalShare = 0.10;
        /**
         * Above this many people to create in one run, the sync first reads the members of the whole
         * organisation department by department, page by page, and adopts those whose mobile matches
         * instead of creating them; at or below it, it creates them and adopts on DingTalk's 60104
         * (mobile taken) or 60102 (userid taken, same mobile).
         */
        @Min(0) private int readOrganisationAbove = 20;
        /**
         * Whether an employee adopted from DingTalk (matched by mobile, or on 60104 / 60102) who is
         * already in a DingTalk department is also added to the employee portal department. Off by
         * default: they keep exactly the departments they are in, and adopting them costs no write
         * unless their profile differs from ProYi's (later profile changes are still sent, their
         * departments never touched). On: each adoption costs one {@code user/update}, since DingTalk
         * has no call that adds many members to a department; 20,000 adoptions are 20,000 writes, four
         * times a standard organisation's monthly quota of 5,000 calls. Customer and supplier contacts
         * are always put into their restricted portal department. Switching it on later moves the
         * employees adopted in place at the next reconciliation, one write each.
         */
        private boolean adoptedEmployeesJoinPortal;
        /**
         * Departments that may see the customer portal and its companies in DingTalk's directory
         * (and whom customers may see besides their own company): paths in the sync's tree such as
         * {@code 员工/销售部}, or DingTalk department ids. Everyone else is kept from seeing them.
         */
        private List<String> customersVisibleTo = new ArrayList<>();
        /** The same for the supplier portal, e.g. {@code 员工/采购部}. */
        private List<String> suppliersVisibleTo = new ArrayList<>();

        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public Duration getChangesPollInterval() { return changesPollInterval; }
        public void setChangesPollInterval(Duration changesPollInterval) { this.changesPollInterval = changesPollInterval; }
        public String getEmployeesDepartment() { return employeesDepartment; }
        public void setEmployeesDepartment(String employeesDepartment) { this.employeesDepartment = employeesDepartment; }
        public String getCustomersDepartment() { return customersDepartment; }
        public void setCustomersDepartment(String customersDepartment) { this.customersDepartment = customersDepartment; }
        public String getSuppliersDepartment() { return suppliersDepartment; }
        public void setSuppliersDepartment(String suppliersDepartment) { this.suppliersDepartment = suppliersDepartment; }
        public double getMaxRemovalShare() { return maxRemovalShare; }
        public void setMaxRemovalShare(double maxRemovalShare) { this.maxRemovalShare = maxRemovalShare; }
        public List<String> getCustomersVisibleTo() { return customersVisibleTo; }
        public void setCustomersVisibleTo(List<String> customersVisibleTo) { this.customersVisibleTo = customersVisibleTo; }
        public List<String> getSuppliersVisibleTo() { return suppliersVisibleTo; }
        public void setSuppliersVisibleTo(List<String> suppliersVisibleTo) { this.suppliersVisibleTo = suppliersVisibleTo; }
        public int getReadOrganisationAbove() { return readOrganisationAbove; }
        public void setReadOrganisationAbove(int readOrganisationAbove) { this.readOrganisationAbove = readOrganisationAbove; }
        public boolean isAdoptedEmployeesJoinPortal() { return adoptedEmployeesJoinPortal; }
        public void setAdoptedEmployeesJoinPortal(boolean adoptedEmployeesJoinPortal) {
            this.adoptedEmployeesJoinPortal = adoptedEmployeesJoinPortal;
        }
    }

    /** Unbinding people who left: resigned, revoked, or partner contacts set inactive. */
    public static class Resignations {
        /** Quartz cron of the sweep (default every 5 minutes). */
        @NotBlank private String cron = "0 0/5 * * * ?";
        /**
         * Whether the module may delete people from DingTalk: those the sweep unbinds, and those in
         * the sync's departments who are no longer active in ProYi. Off by default: unbinding only.
         */
        private boolean removeFromDingtalk;

        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public boolean isRemoveFromDingtalk() { return removeFromDingtalk; }
        public void setRemoveFromDingtalk(boolean removeFromDingtalk) { this.removeFromDingtalk = removeFromDingtalk; }
    }

    /**
     * Where the sync writes a partner contact's DingTalk id, and the unbinding clears it (the
     * routes' SQL reads the same table). Plain SQL identifiers only, since they end up in SQL.
     */
    public static class Partners {
        /** Table of customer and supplier contacts. */
        @Pattern(regexp = ProYiProperties.IDENTIFIER, message = "proyi.sync.partners.table must be a plain SQL identifier")
        private String table = "proyi_partner_contact";
        /** Column with the contact's ProYi login account. */
        @Pattern(regexp = ProYiProperties.IDENTIFIER, message = "proyi.sync.partners.login-column must be a plain SQL identifier")
        private String loginColumn = "account";
        /** Column with the contact's DingTalk user id. */
        @Pattern(regexp = ProYiProperties.IDENTIFIER, message = "proyi.sync.partners.dingtalk-column must be a plain SQL identifier")
        private String dingtalkColumn = "dingtalk_userid";

        public String getTable() { return table; }
        public void setTable(String table) { this.table = table; }
        public String getLoginColumn() { return loginColumn; }
        public void setLoginColumn(String loginColumn) { this.loginColumn = loginColumn; }
        public String getDingtalkColumn() { return dingtalkColumn; }
        public void setDingtalkColumn(String dingtalkColumn) { this.dingtalkColumn = dingtalkColumn; }
    }
}
