package com.safebook.core.staff;

import java.util.Arrays;
import java.util.Optional;

/** The user pool's groups that grant something; any other group grants nothing. */
public enum StaffRole {
    /** Front desk and practitioners: the day's bookings and the customers in them. */
    STAFF("staff"),
    /** Everything staff may do, and the catalogue. */
    ADMIN("admin"),
    /** Reads the audit trail (a later issue); sees no customer data through the staff API. */
    AUDITOR("auditor");

    private final String group;

    StaffRole(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public static Optional<StaffRole> ofGroup(String group) {
        return Arrays.stream(values()).filter(r -> r.group.equals(group)).findFirst();
    }
}
