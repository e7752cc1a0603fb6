package com.safebook.core.consent;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a subject stands on one purpose, derived from the ledger: the latest decision wins.
 *
 * @param granted whether the latest decision is a grant (for an opt-out purpose: the person opted
 *     out); false if they never decided or their decisions have expired
 * @param policyVersion the policy version of the latest decision
 * @param since when the latest decision was made
 * @param renewalNeeded a consent was granted, but to another policy version or text than the one
 *     in force: the person agreed to something other than what is done now, so processing waits
 *     until they grant again. An opt-out never needs renewal; it protects whatever the version.
 */
public record ConsentState(
        Purpose purpose,
        boolean granted,
        Optional<String> policyVersion,
        Optional<Instant> since,
        boolean renewalNeeded) {

    public ConsentState {
        Objects.requireNonNull(purpose);
        Objects.requireNonNull(policyVersion);
        Objects.requireNonNull(since);
    }

    /** The state of {@code purpose} from a subject's unexpired history (any purposes, any order). */
    public static ConsentState derive(Purpose purpose, List<ConsentRecord> history) {
        return latest(purpose.id(), history)
                .map(latest -> {
                    var granted = latest.decision() == ConsentDecision.GRANTED;
                    var toCurrentPolicy = latest.policyVersion().equals(purpose.policyVersion())
                            && latest.policyHash().equals(purpose.policyHash());
                    return new ConsentState(
                            purpose,
                            granted,
                            Optional.of(latest.policyVersion()),
                            Optional.of(latest.at()),
                            granted && purpose.requiresConsent() && !toCurrentPolicy);
                })
                .orElseGet(() -> new ConsentState(purpose, false, Optional.empty(), Optional.empty(), false));
    }

    /** The subject's latest decision on a purpose: the one with the highest sequence. */
    public static Optional<ConsentRecord> latest(String purposeId, List<ConsentRecord> history) {
        return history.stream()
                .filter(r -> r.purposeId().equals(purposeId))
                .max(Comparator.comparingInt(ConsentRecord::sequence));
    }

    /**
     * Whether processing for the purpose may go on: with a consent granted to the current policy,
     * unless the person opted out, and always for a purpose nobody consents to.
     */
    public boolean processingAllowed() {
        if (purpose.requiresConsent()) {
            return granted && !renewalNeeded;
        }
        if (purpose.legalBasis() == LegalBasis.OPT_OUT) {
            return !granted;
        }
        return true;
    }
}
