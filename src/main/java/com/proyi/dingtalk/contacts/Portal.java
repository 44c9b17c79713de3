package com.proyi.dingtalk.contacts;

/** The three groups ProYi puts into DingTalk, each under its own top department. */
public enum Portal {
    EMPLOYEE, CUSTOMER, SUPPLIER;

    /** The ProYi table the person comes from: EMPLOYEE (HR record) or PARTNER (partner contact). */
    public String source() {
        return this == EMPLOYEE ? "EMPLOYEE" : "PARTNER";
    }

    String topDepartment(SyncProperties.Contacts settings) {
        return switch (this) {
            case EMPLOYEE -> settings.getEmployeesDepartment();
            case CUSTOMER -> settings.getCustomersDepartment();
            case SUPPLIER -> settings.getSuppliersDepartment();
        };
    }
}
