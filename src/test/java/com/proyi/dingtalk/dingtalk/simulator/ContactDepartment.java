package com.proyi.dingtalk.dingtalk.simulator;

/** A department in a simulated organisation; the root has id 1 and parent 0. */
public record ContactDepartment(long id, String name, long parentId, DepartmentSettings settings) {

    ContactDepartment(long id, String name, long parentId) {
        this(id, name, parentId, DepartmentSettings.DEFAULT);
    }
}
