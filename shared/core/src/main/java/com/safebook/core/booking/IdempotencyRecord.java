package com.safebook.core.booking;

import java.time.Instant;

/**
 * What a first booking request left behind for its retries. It holds no personal data and no
 * usable secret: the key is stored hashed, the request as a fingerprint keyed by the idempotency
 * key, and the manage token sealed under a key derived from the idempotency key, which only the
 * client holds.
 */
public record IdempotencyRecord(
        String keyId,
        String fingerprint,
        String bookingId,
        String serviceId,
        Instant start,
        Instant end,
        String timeZone,
        String sealedToken,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "IdempotencyRecord[" + bookingId + "]";
    }
}
