package com.safebook.core.staff;

import com.safebook.core.audit.Actor;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A signed-in staff member as the authorizer vouched for them: the user pool's subject, the roles
 * their groups grant, and whether the sign-in used a second factor. Use cases check it before they
 * touch anything; the audit trail names it.
 *
 * @param subject the user pool's {@code sub}: stable, and not personal data in itself
 * @param groups every group the token names, as the audit trail records them
 */
public record StaffIdentity(String subject, List<String> groups, Set<StaffRole> roles, boolean mfaAuthenticated) {
    public StaffIdentity {
        Objects.requireNonNull(subject);
        groups = List.copyOf(groups);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** From the groups as the token lists them; groups that name no role are kept for the record only. */
    public static StaffIdentity of(String subject, List<String> groups, boolean mfaAuthenticated) {
        var roles = EnumSet.noneOf(StaffRole.class);
        groups.forEach(g -> StaffRole.ofGroup(g).ifPresent(roles::add));
        return new StaffIdentity(subject, groups.stream().sorted().toList(), roles, mfaAuthenticated);
    }

    /** How the audit trail names this person: CloudTrail's {@code userIdentity} of type StaffUser. */
    public Actor actor() {
        return new Actor("StaffUser", subject, groups, mfaAuthenticated);
    }

    /**
     * Refuses unless the identity holds one of {@code allowed} and signed in with a second factor.
     * The pool requires MFA of everyone; this keeps a token without it from reaching personal data.
     */
    public void requireAnyOf(StaffRole... allowed) {
        if (Arrays.stream(allowed).noneMatch(roles::contains)) {
            throw new DomainException(ErrorKind.FORBIDDEN, "forbidden", "This sign-in may not use this route.");
        }
        if (!mfaAuthenticated) {
            throw new DomainException(
                    ErrorKind.FORBIDDEN, "mfa-required", "This route needs a sign-in with a second factor.");
        }
    }
}
