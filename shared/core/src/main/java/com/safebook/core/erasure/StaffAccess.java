package com.safebook.core.erasure;

import java.time.Instant;
import java.util.Objects;

/** One time a staff identity touched a data subject's data, as the audit trail recorded it. */
public record StaffAccess(Instant at, String eventId, String eventName, String staffPrincipalId) {
    public StaffAccess {
        Objects.requireNonNull(at);
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(eventName);
        Objects.requireNonNull(staffPrincipalId);
    }
}
