package com.safebook.core.consent;

import com.safebook.core.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the append-only consent ledger. A record, once written, never changes, except that a
 * grant takes an expiry when a later decision supersedes it ({@link ConsentRetention}). Every
 * write is atomic with its audit record.
 */
public interface ConsentLedger {

    /**
     * Writes {@code record}, {@code superseded} (the purpose's previous decision, with the expiry it
     * must now be kept to) and {@code audit} in one transaction, or none of them. Nothing is written
     * when the subject already has an unexpired record on the purpose with {@code record}'s
     * sequence, or {@code superseded} is gone: the history changed since it was read.
     */
    AppendOutcome append(ConsentRecord record, Optional<ConsentRecord> superseded, AuditRecord audit);

    /** The same append, taken with another write (a booking's) in that write's one transaction. */
    default AppendOutcome append(Append append) {
        return append(append.record(), append.superseded(), append.audit());
    }

    /** The subject's unexpired records, oldest first (by time, then purpose, then sequence). */
    List<ConsentRecord> history(String subjectId, Instant now);

    /** Deletes every record of the subject, expired or not, for erasure; answers how many. */
    int deleteAll(String subjectId);

    /**
     * One decision ready to be written: the record, the purpose's previous decision with its new
     * expiry, and the audit record, under the conditions {@link #append} describes.
     */
    record Append(ConsentRecord record, Optional<ConsentRecord> superseded, AuditRecord audit) {}

    enum AppendOutcome {
        APPENDED,
        /** Another decision on the purpose, or an erasure, came first; nothing was written. */
        HISTORY_CHANGED
    }
}
