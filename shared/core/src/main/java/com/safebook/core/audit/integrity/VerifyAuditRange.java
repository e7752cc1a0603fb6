package com.safebook.core.audit.integrity;

import java.time.Instant;
import java.util.Optional;

/** Verifies the trail of {@code [from, to)} as stored now: the auditors' {@code GET /staff/audit/verify}. */
public final class VerifyAuditRange {
    private final AuditStore store;
    private final SignatureCheck signatures;

    public VerifyAuditRange(AuditStore store, SignatureCheck signatures) {
        this.store = store;
        this.signatures = signatures;
    }

    public Verification verify(Instant from, Instant to) {
        var digests = store.digests(from, to);
        var start = digests.isEmpty() || from.isBefore(digests.getFirst().from())
                ? from
                : digests.getFirst().from();
        var end = digests.isEmpty() || to.isAfter(digests.getLast().to())
                ? to
                : digests.getLast().to();
        var predecessor = store.digestEndingAtOrBefore(start);
        var head = store.latestDigest().map(Digest::to);
        Optional<Instant> sealedUntil = head.map(h -> h.isBefore(end) ? h : end);
        return VerifyAuditTrail.verify(store.records(start, end), digests, predecessor, sealedUntil, signatures);
    }
}
