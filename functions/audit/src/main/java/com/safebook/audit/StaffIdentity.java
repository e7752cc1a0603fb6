package com.safebook.audit;

import com.safebook.aws.http.ApiRequest;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is signed in, from the claims the Cognito authorizer verified: the user-pool subject, the
 * groups ({@code cognito:groups}, comma-separated on a REST API) and whether the sign-in used MFA
 * ({@code amr} names {@code mfa}; every sign-in to this pool does, as the pool requires TOTP).
 */
record StaffIdentity(String sub, Set<String> groups, boolean mfa) {
    static final String AUDITOR = "auditor";
    static final String ADMIN = "admin";

    static StaffIdentity of(ApiRequest request) {
        var claims = request.authorizerClaims();
        var sub = claims.get("sub");
        if (sub == null || sub.isBlank()) {
            throw new DomainException(ErrorKind.UNAUTHENTICATED, "unauthorized", "A valid staff sign-in is required.");
        }
        return new StaffIdentity(
                sub,
                list(claims.getOrDefault("cognito:groups", "")),
                list(claims.getOrDefault("amr", "")).contains("mfa"));
    }

    /** Refuses with 403 unless the caller is in one of {@code allowed}. */
    StaffIdentity require(String... allowed) {
        if (Arrays.stream(allowed).noneMatch(groups::contains)) {
            throw new DomainException(
                    ErrorKind.FORBIDDEN,
                    "forbidden",
                    "This route is for the " + String.join(" or ", allowed) + " group.");
        }
        return this;
    }

    private static Set<String> list(String joined) {
        return Arrays.stream(joined.replace("[", "").replace("]", "").split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
