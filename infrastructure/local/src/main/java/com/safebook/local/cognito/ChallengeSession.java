package com.safebook.local.cognito;

import java.time.Instant;
import java.util.List;

/**
 * The server side of a {@code Session} string between the steps of a sign-in. Each successful step consumes
 * it and, when another step follows, issues a new one. Kept in memory only: it lives a few minutes.
 */
final class ChallengeSession {
    final String userKey;
    final String clientId;
    final String challengeName;
    final Instant expiresAt;
    final List<String> authenticationMethods;
    /** MFA_SETUP: the secret handed out by AssociateSoftwareToken. */
    final byte[] pendingTotpSecret;
    /** MFA_SETUP: VerifySoftwareToken accepted a code, so the sign-in may finish. */
    final boolean totpVerified;

    int failedCodes;

    ChallengeSession(
            String userKey,
            String clientId,
            String challengeName,
            Instant expiresAt,
            List<String> authenticationMethods,
            byte[] pendingTotpSecret,
            boolean totpVerified) {
        this.userKey = userKey;
        this.clientId = clientId;
        this.challengeName = challengeName;
        this.expiresAt = expiresAt;
        this.authenticationMethods = List.copyOf(authenticationMethods);
        this.pendingTotpSecret = pendingTotpSecret;
        this.totpVerified = totpVerified;
    }

    @Override
    public String toString() {
        return "ChallengeSession[challengeName=" + challengeName + ", clientId=" + clientId + "]";
    }
}
