package com.safebook.core.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One decision in the append-only consent ledger. Nothing personal is in it beyond the caller's
 * pseudonymous subject id: no name, no email, no address.
 *
 * @param subjectId a random pseudonymous id, owned by the caller, that links a person's records
 * @param sequence the decision's place among the subject's decisions on the purpose, from 1; the
 *     ledger refuses a second record in the same place, so that concurrent decisions cannot both
 *     follow the same one
 * @param policyVersion the policy in force when the decision was recorded; for a grant that lets
 *     processing go on it is also the one the person saw, since a grant to any other is refused
 * @param policyHash the SHA-256 of that policy's text, as in {@link Purpose#policyHash()}
 * @param expiresAt when retention ends; empty while a grant stands ({@link ConsentRetention})
 */
public record ConsentRecord(
        String recordId,
        String subjectId,
        String purposeId,
        int sequence,
        String policyVersion,
        String policyHash,
        ConsentDecision decision,
        Instant at,
        ConsentChannel channel,
        Optional<Instant> expiresAt) {
    private static final Pattern SUBJECT_ID = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    public ConsentRecord {
        Objects.requireNonNull(recordId);
        requireSubjectId(subjectId);
        Objects.requireNonNull(purposeId);
        Objects.requireNonNull(policyVersion);
        Objects.requireNonNull(policyHash);
        Objects.requireNonNull(decision);
        Objects.requireNonNull(at);
        Objects.requireNonNull(channel);
        Objects.requireNonNull(expiresAt);
        if (sequence < 1) {
            throw new IllegalArgumentException("A ledger sequence starts at 1");
        }
    }

    /**
     * Refuses what cannot be a pseudonymous subject id: 16 to 128 characters of base64url, which
     * covers UUIDs and {@code SecureIds} output. The caller owns the id, so a bad one is its bug.
     */
    public static String requireSubjectId(String subjectId) {
        if (subjectId == null || !SUBJECT_ID.matcher(subjectId).matches()) {
            throw new IllegalArgumentException("A subject id is 16 to 128 characters of [A-Za-z0-9_-]");
        }
        return subjectId;
    }

    /** Whether retention has ended at {@code now}; an expired record is never returned. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }

    ConsentRecord withExpiresAt(Instant expiry) {
        return new ConsentRecord(
                recordId,
                subjectId,
                purposeId,
                sequence,
                policyVersion,
                policyHash,
                decision,
                at,
                channel,
                Optional.of(expiry));
    }
}
