package com.safebook.aws.invariants;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run of {@link StoredDataInvariants} found.
 *
 * @param itemsScanned per table, how many items the scans read (expired ones included)
 * @param violations every item that breaks an invariant; none in a clean store
 * @param pendingErasures erasures under way, within their grace period: not violations
 */
public record InvariantReport(
        Instant checkedAt,
        Map<String, Long> itemsScanned,
        List<InvariantViolation> violations,
        List<PendingErasure> pendingErasures) {

    public InvariantReport {
        itemsScanned = Map.copyOf(itemsScanned);
        violations = List.copyOf(violations);
        pendingErasures = List.copyOf(pendingErasures);
    }

    public boolean clean() {
        return violations.isEmpty();
    }

    /** The violations of one invariant. */
    public List<InvariantViolation> violationsOf(Invariant invariant) {
        return violations.stream().filter(v -> v.invariant() == invariant).toList();
    }
}
