package com.safebook.core.audit.integrity;

import java.time.Instant;
import java.util.Objects;

/**
 * An audit record as the store holds it: the event id and time it is filed under, its canonical
 * JSON and the hash stored beside it. The verifier trusts none of these; it recomputes the hash and
 * compares everything with the signed digests.
 */
public record StoredRecord(String eventId, Instant eventTime, String canonical, String recordHash) {
    public StoredRecord {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(eventTime);
        Objects.requireNonNull(canonical);
        Objects.requireNonNull(recordHash);
    }
}
