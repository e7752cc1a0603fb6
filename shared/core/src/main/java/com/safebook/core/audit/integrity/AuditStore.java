package com.safebook.core.audit.integrity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where audit records are read and digests are kept. */
public interface AuditStore {
    /** The records with {@code from <= eventTime < to}, in (eventTime, eventID) order as stored. */
    List<StoredRecord> records(Instant from, Instant to);

    /** The event time of the oldest record, where the first digest's range begins. */
    Optional<Instant> earliestRecordTime();

    /** The head of the chain: the digest with the latest range end. */
    Optional<Digest> latestDigest();

    /**
     * Appends {@code digest} if the chain head is still {@code expectedHead} (none for the first
     * digest), atomically, so two sealers running at once cannot fork the chain.
     *
     * @throws ChainMovedException when another sealer appended first
     */
    void append(Digest digest, Optional<Digest> expectedHead);

    /** The digests whose ranges overlap {@code [from, to)}, in range order. */
    List<Digest> digests(Instant from, Instant to);

    /** The digest just before {@code instant}: the latest one whose range ends at or before it. */
    Optional<Digest> digestEndingAtOrBefore(Instant instant);

    /** Another sealer appended a digest first; the caller reads the new head and carries on. */
    final class ChainMovedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ChainMovedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
