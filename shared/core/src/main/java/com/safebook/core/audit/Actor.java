package com.safebook.core.audit;

import java.util.List;
import java.util.Objects;

/**
 * Who acted, in the shape of CloudTrail's {@code userIdentity}. Customers appear only by a
 * pseudonymous reference, never by name or email.
 *
 * @param type {@code Anonymous}, {@code Customer}, {@code StaffUser} or {@code AWSService}
 * @param principalId a stable pseudonymous reference, or a staff member's user-pool subject
 */
public record Actor(String type, String principalId, List<String> groups, boolean mfaAuthenticated) {
    public Actor {
        Objects.requireNonNull(type);
        Objects.requireNonNull(principalId);
        groups = List.copyOf(groups);
    }

    public static Actor anonymous() {
        return new Actor("Anonymous", "anonymous", List.of(), false);
    }

    /** A customer proving who they are with a manage token, named by their subject pseudonym. */
    public static Actor customer(String subjectId) {
        return new Actor("Customer", "subject/" + subjectId, List.of(), false);
    }
}
