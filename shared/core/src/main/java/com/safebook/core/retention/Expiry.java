package com.safebook.core.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * One deletion made by the storage's time-to-live service.
 *
 * @param sourceEventId the id of the change record that reported it, stable across redeliveries
 * @param deletedAt when the deletion happened (the change record's time, also stable)
 * @param item what was deleted
 */
public record Expiry(String sourceEventId, Instant deletedAt, ExpiredItem item) {
    public Expiry {
        Objects.requireNonNull(sourceEventId);
        Objects.requireNonNull(deletedAt);
        Objects.requireNonNull(item);
    }
}
