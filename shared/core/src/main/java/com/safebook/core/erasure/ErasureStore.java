package com.safebook.core.erasure;

import com.safebook.core.audit.AuditRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: the steps of an erasure, each safe to repeat. Every removal is counted on the erasure
 * record in the same atomic write as the removal itself, so that a retry after a crash counts
 * nothing twice.
 */
public interface ErasureStore {

    /** The subject's erasure, if its key was destroyed. */
    Optional<Erasure> find(String subjectId);

    /** The erasure a manage token's holder asked for (or could have: any token of the person). */
    Optional<Erasure> findByToken(String tokenHash);

    /**
     * Destroys the subject's key (its key and email-index items), records the erasure and a
     * receipt lookup for each token hash, in one atomic write. If the subject already has an
     * erasure, writes nothing and answers that one.
     */
    Erasure destroyKey(String subjectId, Collection<String> tokenHashes, String erasureId, Instant at);

    /** Marks a confirmed booking cancelled; false (nothing written) if it is not confirmed. */
    boolean cancel(String subjectId, SubjectBooking booking, Instant at);

    /** Deletes the booking's locks on these granules, only those it holds; answers how many. */
    int freeLocks(String subjectId, SubjectBooking booking, List<Instant> granules);

    /** Deletes the manage token's lookup item; false if it was gone. */
    boolean deleteToken(String subjectId, String tokenHash);

    /** Deletes the idempotency record; false if it was gone. */
    boolean deleteIdempotency(String subjectId, String keyId);

    /** Deletes the booking item; false if it was gone. */
    boolean deleteBooking(String subjectId, SubjectBooking booking);

    /** Adds {@code count} removed items of {@code kind}, removed by another port. */
    void counted(String subjectId, ErasedItem kind, int count);

    /**
     * Marks the erasure complete and appends {@code audit}, atomically; if it is complete already,
     * writes nothing. Answers the erasure as completed.
     */
    Erasure complete(String subjectId, Instant at, AuditRecord audit);
}
