package com.safebook.core.retention;

import com.safebook.core.audit.AuditResource;
import java.util.List;
import java.util.Objects;

/**
 * An item whose retention ended and which the storage deleted by itself, named only by
 * pseudonymous ids: a booking id, a lock's resource and time, an idempotency record's derived key
 * id, a data subject's id. Never an email index or anything else derived from personal data.
 */
public record ExpiredItem(Kind kind, String id) {
    public ExpiredItem {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(id);
    }

    /** The kinds of item that expire, each with the event name its expiry is audited under. */
    public enum Kind {
        BOOKING("ExpireBooking"),
        LOCK("ExpireLock"),
        IDEMPOTENCY_RECORD("ExpireIdempotencyRecord"),
        SUBJECT_KEY("ExpireSubjectKey");

        private final String eventName;

        Kind(String eventName) {
            this.eventName = eventName;
        }

        public String eventName() {
            return eventName;
        }
    }

    public static ExpiredItem booking(String bookingId) {
        return new ExpiredItem(Kind.BOOKING, bookingId);
    }

    /** One granule of a resource's time: {@code <resource id>/<granule start>}. */
    public static ExpiredItem lock(String resourceId, String granule) {
        return new ExpiredItem(Kind.LOCK, resourceId + "/" + granule);
    }

    public static ExpiredItem idempotencyRecord(String keyId) {
        return new ExpiredItem(Kind.IDEMPOTENCY_RECORD, keyId);
    }

    /** A data subject's key: once it is gone, whatever is left of their data cannot be read. */
    public static ExpiredItem subjectKey(String subjectId) {
        return new ExpiredItem(Kind.SUBJECT_KEY, subjectId);
    }

    /** What the audit record names: the item, and for a subject key the person by pseudonym too. */
    public List<AuditResource> resources() {
        return switch (kind) {
            case BOOKING -> List.of(AuditResource.booking(id));
            case LOCK -> List.of(new AuditResource("SafeBook::Lock", "safebook:lock/" + id));
            case IDEMPOTENCY_RECORD ->
                List.of(new AuditResource("SafeBook::IdempotencyRecord", "safebook:idempotency-record/" + id));
            case SUBJECT_KEY ->
                List.of(
                        new AuditResource("SafeBook::SubjectKey", "safebook:subject-key/" + id),
                        AuditResource.dataSubject(id));
        };
    }
}
