package com.safebook.core.audit.integrity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Seals every record not yet in a digest, from the chain head's range end up to {@code now -
 * settle}, as one or more signed digests.
 *
 * <p>Why records written by many parallel requests all land in exactly one digest: a record's
 * {@code eventTime} is taken while its function runs, and the record is written (or the write
 * fails) before that function ends. So once {@code settle} is longer than any function may run
 * (the template's timeout), every record with an earlier {@code eventTime} has committed or never
 * will: no late commit can fall into a range that is already sealed. Ranges are contiguous
 * ({@code from} is the previous {@code to}) and half-open, so no record is in two digests, and the
 * conditional append on the chain head means two sealers at once cannot both seal one range.
 */
public final class SealAuditTrail {
    /** Longer than the longest function timeout in the template (15 s), with room for clock skew. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(30);

    /** Digests are stored as one item each; this keeps one well under DynamoDB's 400 KB. */
    public static final int MAX_ENTRIES = 2_000;

    private static final int MAX_DIGESTS_PER_RUN = 48;

    private final AuditStore store;
    private final AuditSigner signer;
    private final Clock clock;
    private final Duration settle;

    public SealAuditTrail(AuditStore store, AuditSigner signer, Clock clock, Duration settle) {
        this.store = store;
        this.signer = signer;
        this.clock = clock;
        this.settle = settle;
    }

    public SealAuditTrail(AuditStore store, AuditSigner signer, Clock clock) {
        this(store, signer, clock, DEFAULT_SETTLE);
    }

    /** Seals what has settled; answers the digests written by this call (none if nothing settled). */
    public List<Digest> seal() {
        var sealed = new ArrayList<Digest>();
        var until = clock.instant().minus(settle).truncatedTo(ChronoUnit.MILLIS);
        while (sealed.size() < MAX_DIGESTS_PER_RUN) {
            var head = store.latestDigest();
            var from = head.map(Digest::to).or(() -> store.earliestRecordTime().map(SealAuditTrail::hourOf));
            if (from.isEmpty() || !from.get().isBefore(until)) {
                break;
            }
            var digest = next(head, from.get(), until);
            try {
                store.append(digest, head);
                sealed.add(digest);
            } catch (AuditStore.ChainMovedException e) {
                // Another sealer got there first: read its head and seal whatever is left after it.
                continue;
            }
            if (!digest.to().isBefore(until)) {
                break;
            }
        }
        return List.copyOf(sealed);
    }

    private Digest next(Optional<Digest> head, Instant from, Instant until) {
        var records = store.records(from, until);
        var to = until;
        if (records.size() > MAX_ENTRIES) {
            // End the range where the first record that does not fit begins (ranges are half-open).
            var cut = records.get(MAX_ENTRIES).eventTime();
            // Thousands of records in one instant cannot be split; then the digest is simply larger.
            to = cut.isAfter(from) ? cut : until;
            var end = to;
            records = records.stream().filter(r -> r.eventTime().isBefore(end)).toList();
        }
        var unsigned = new Digest(
                to.toString(),
                from,
                to,
                records.stream()
                        .map(r -> new DigestEntry(r.eventId(), r.recordHash()))
                        .toList(),
                head.map(Digest::digestId).orElse(""),
                head.map(Digest::hash).orElse(""),
                head.map(Digest::signature).orElse(""),
                signer.keyId(),
                signer.algorithm(),
                "");
        return unsigned.withSignature(Base64.getEncoder().encodeToString(signer.sign(unsigned.signedHash())));
    }

    private static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }
}
