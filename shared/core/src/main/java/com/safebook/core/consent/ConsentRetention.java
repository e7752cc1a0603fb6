package com.safebook.core.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the ledger keeps a decision once it no longer stands (from the template's parameters).
 *
 * <ul>
 *   <li>A grant has no expiry while it is the latest decision on its purpose: it is the proof that
 *       processing is lawful (or, for an opt-out, the instruction that must go on being honoured),
 *       needed for exactly as long as the consent stands.
 *   <li>When a later decision supersedes a grant (a withdrawal, or a grant to a newer policy), the
 *       grant is kept for {@link #afterWithdrawal()} from that moment: the proof for the processing
 *       done while it stood.
 *   <li>A withdrawal is kept for {@link #afterWithdrawal()} from when it was made. Once it expires
 *       the purpose reads as never decided, which is what the withdrawal said anyway: no consent,
 *       or, for an opt-out, the default of processing allowed.
 * </ul>
 *
 * Erasure deletes a subject's records at once, whatever their expiry.
 */
public record ConsentRetention(Duration afterWithdrawal) {
    private static final long DAYS_PER_YEAR = 366;

    public ConsentRetention {
        Objects.requireNonNull(afterWithdrawal);
        if (afterWithdrawal.isNegative() || afterWithdrawal.isZero()) {
            throw new IllegalArgumentException("Consent records are kept for some time after withdrawal");
        }
    }

    /** Years of 366 days: never a day short of the period, whatever the leap years. */
    public static ConsentRetention ofYears(int years) {
        return new ConsentRetention(Duration.ofDays(DAYS_PER_YEAR * years));
    }

    /** Three years, the usual limitation period for claims about the processing a consent allowed. */
    public static ConsentRetention defaults() {
        return ofYears(3);
    }

    /** The expiry of a record made now: none for a grant, which stands until superseded. */
    public Optional<Instant> expiryOf(ConsentDecision decision, Instant at) {
        return decision == ConsentDecision.GRANTED ? Optional.empty() : Optional.of(at.plus(afterWithdrawal));
    }

    /** {@code previous} as it must be kept once a decision made at {@code at} follows it. */
    public ConsentRecord supersede(ConsentRecord previous, Instant at) {
        return previous.expiresAt().isPresent() ? previous : previous.withExpiresAt(at.plus(afterWithdrawal));
    }
}
