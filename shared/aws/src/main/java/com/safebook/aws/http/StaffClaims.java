package com.safebook.aws.http;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.staff.StaffIdentity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The staff identity from the claims API Gateway's Cognito authorizer passes. The authorizer has
 * checked the id token; this only reads it.
 *
 * <ul>
 *   <li>{@code sub}: the user's stable id in the pool; without it the request is refused (401).
 *   <li>{@code cognito:groups}: comma-separated from a REST API ({@code "admin,staff"}); an HTTP API's
 *       {@code "[admin staff]"} is read too.
 *   <li>MFA: an {@code amr} claim, when present, must name a second factor. Cognito's user-pool id
 *       tokens carry none; the pool's {@code MfaConfiguration: ON} (asserted by the template test)
 *       then means no token is issued without TOTP, so the sign-in counts as MFA.
 * </ul>
 */
public final class StaffClaims {
    private static final Set<String> SECOND_FACTORS = Set.of("mfa", "otp", "swk", "hwk");

    private StaffClaims() {}

    public static StaffIdentity identity(Map<String, String> claims) {
        var subject = claims.get("sub");
        if (subject == null || subject.isBlank() || subject.length() > 128) {
            throw new DomainException(ErrorKind.UNAUTHENTICATED, "unauthorized", "A valid staff sign-in is required.");
        }
        var amr = claims.get("amr");
        var mfa = amr == null || list(amr).stream().anyMatch(SECOND_FACTORS::contains);
        return StaffIdentity.of(subject, list(claims.getOrDefault("cognito:groups", "")), mfa);
    }

    private static List<String> list(String claim) {
        var inner = claim.strip();
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        return Arrays.stream(inner.split("[,\\s]+"))
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }
}
