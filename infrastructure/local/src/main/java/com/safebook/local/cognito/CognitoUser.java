package com.safebook.local.cognito;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One user of the pool. Mutable, guarded by the pool's lock. */
final class CognitoUser {

    /** The statuses the emulated flows produce (no self sign-up, so never UNCONFIRMED). */
    enum Status {
        FORCE_CHANGE_PASSWORD,
        CONFIRMED
    }

    final String username;
    final String sub;
    final Instant createdAt;
    /** Standard and custom attributes except {@code sub}, in the order they were given. */
    final Map<String, String> attributes = new LinkedHashMap<>();

    final Set<String> groups = new TreeSet<>();
    Status status = Status.FORCE_CHANGE_PASSWORD;
    boolean enabled = true;
    PasswordHash password;
    /** Set while the password is a temporary one. */
    Instant temporaryPasswordExpiresAt;
    /** The enrolled TOTP secret, or null. */
    byte[] totpSecret;
    /** A secret from AssociateSoftwareToken by access token, waiting for VerifySoftwareToken. */
    byte[] pendingTotpSecret;
    /** The last time step whose code was accepted: codes of that step or earlier are spent. */
    long lastTotpStep = Long.MIN_VALUE;

    int failedSignIns;
    Instant lockedUntil;
    Instant modifiedAt;

    CognitoUser(String username, String sub, Instant createdAt) {
        this.username = username;
        this.sub = sub;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
    }

    /** Usernames are case-insensitive, as in pools created since 2020. */
    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    String key() {
        return key(username);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    @Override
    public String toString() {
        return "CognitoUser[sub=" + sub + ", status=" + status + ", enabled=" + enabled + "]";
    }
}
