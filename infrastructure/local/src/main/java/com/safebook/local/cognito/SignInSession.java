package com.safebook.local.cognito;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One completed sign-in: the family of tokens that share its {@code origin_jti}. Removing it revokes its
 * refresh token and every access and id token minted from it, which is how GlobalSignOut works. Only
 * SHA-256 hashes of refresh tokens are kept.
 */
final class SignInSession {
    final String originJti;
    final String userKey;
    final String clientId;
    final Instant authTime;
    final List<String> authenticationMethods;
    final Instant refreshExpiresAt;
    String refreshTokenHash;
    /** Hashes of refresh tokens replaced by rotation; presenting one again revokes the whole family. */
    final List<String> retiredRefreshTokenHashes = new ArrayList<>();

    SignInSession(
            String originJti,
            String userKey,
            String clientId,
            Instant authTime,
            List<String> authenticationMethods,
            Instant refreshExpiresAt,
            String refreshTokenHash) {
        this.originJti = originJti;
        this.userKey = userKey;
        this.clientId = clientId;
        this.authTime = authTime;
        this.authenticationMethods = List.copyOf(authenticationMethods);
        this.refreshExpiresAt = refreshExpiresAt;
        this.refreshTokenHash = refreshTokenHash;
    }

    @Override
    public String toString() {
        return "SignInSession[originJti=" + originJti + ", clientId=" + clientId + "]";
    }
}
