package com.safebook.core.audit.integrity;

import com.safebook.core.audit.integrity.Finding.Kind;
import com.safebook.core.security.Digests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Checks records against signed digests, as CloudTrail's log file validation does, with nothing
 * but the records, the digests and the public key: it needs no access to AWS, so an auditor can run
 * it offline on an export. Pure: it reads nothing and changes nothing.
 */
public final class VerifyAuditTrail {
    private VerifyAuditTrail() {}

    /**
     * @param records the records in the order the store lists them ((eventTime, eventID) order)
     * @param digests the digests to check, in any order
     * @param predecessor the digest just before the first one, to check the first link; none when
     *     the first digest given begins the chain or the caller has no earlier digest
     * @param sealedUntil where the chain head says sealing has reached; records before it that no
     *     digest covers mean a digest is missing. Empty: the last digest given is the head.
     */
    public static Verification verify(
            List<StoredRecord> records,
            List<Digest> digests,
            Optional<Digest> predecessor,
            Optional<Instant> sealedUntil,
            SignatureCheck signatures) {
        var findings = new ArrayList<Finding>();
        var chain = digests.stream().sorted(Comparator.comparing(Digest::from)).toList();
        var previous = predecessor.orElse(null);
        for (var digest : chain) {
            checkDigest(digest, previous, signatures, findings);
            checkEntries(digest, within(records, digest.from(), digest.to()), findings);
            previous = digest;
        }
        checkOutside(records, chain, predecessor, sealedUntil, findings);
        return Verification.of(findings);
    }

    private static void checkDigest(Digest digest, Digest previous, SignatureCheck signatures, List<Finding> findings) {
        if (!signatures.isValid(digest)) {
            findings.add(Finding.digest(
                    Kind.DIGEST_FORGED,
                    digest.digestId(),
                    "The digest's signature does not verify with the audit signing key."));
        }
        if (previous == null) {
            if (!digest.isFirst()) {
                findings.add(Finding.info(
                        Kind.CHAIN_START_UNCHECKED,
                        digest.digestId(),
                        "The digest before this one was not given, so its link was not checked."));
            }
            return;
        }
        if (digest.from().isAfter(previous.to())) {
            findings.add(Finding.digest(
                    Kind.DIGEST_MISSING,
                    digest.previousDigestId().isEmpty() ? digest.digestId() : digest.previousDigestId(),
                    "No digest covers " + previous.to() + " to " + digest.from() + " (between digests "
                            + previous.digestId() + " and " + digest.digestId() + ")."));
        } else if (digest.from().isBefore(previous.to())) {
            findings.add(Finding.digest(
                    Kind.DIGEST_REPLACED,
                    digest.digestId(),
                    "The digest's range overlaps the previous digest " + previous.digestId() + "."));
        } else if (!digest.previousDigestHash().equals(previous.hash())
                || !digest.previousDigestSignature().equals(previous.signature())) {
            findings.add(Finding.digest(
                    Kind.DIGEST_REPLACED,
                    previous.digestId(),
                    "The digest is not the one digest " + digest.digestId() + " was chained to."));
        }
    }

    private static void checkEntries(Digest digest, List<StoredRecord> records, List<Finding> findings) {
        var stored = new HashMap<String, StoredRecord>();
        var sealed = new HashSet<String>();
        digest.entries().forEach(e -> sealed.add(e.eventId()));
        for (var record : records) {
            if (!sealed.contains(record.eventId()) || stored.putIfAbsent(record.eventId(), record) != null) {
                findings.add(Finding.record(
                        Kind.RECORD_INSERTED,
                        record.eventId(),
                        digest.digestId(),
                        "The record is in the digest's range but not in the digest."));
            }
        }
        for (var entry : digest.entries()) {
            var record = stored.get(entry.eventId());
            if (record == null) {
                findings.add(Finding.record(
                        Kind.RECORD_DELETED,
                        entry.eventId(),
                        digest.digestId(),
                        "The digest seals a record that is gone."));
            } else if (!Digests.hex(Digests.sha256(record.canonical())).equals(entry.recordHash())
                    || !record.recordHash().equals(entry.recordHash())) {
                findings.add(Finding.record(
                        Kind.RECORD_MODIFIED,
                        entry.eventId(),
                        digest.digestId(),
                        "The record's content does not match the hash the digest sealed."));
            }
        }
        var listed = records.stream()
                .map(StoredRecord::eventId)
                .filter(sealed::contains)
                .distinct()
                .toList();
        var expected = digest.entries().stream()
                .map(DigestEntry::eventId)
                .filter(stored::containsKey)
                .toList();
        for (int i = 0; i < Math.min(listed.size(), expected.size()); i++) {
            if (!listed.get(i).equals(expected.get(i))) {
                findings.add(Finding.record(
                        Kind.RECORD_REORDERED,
                        listed.get(i),
                        digest.digestId(),
                        "The record is stored at position " + (i + 1) + " of the digest's range, but the digest sealed "
                                + expected.get(i) + " there."));
            }
        }
    }

    private static void checkOutside(
            List<StoredRecord> records,
            List<Digest> chain,
            Optional<Digest> predecessor,
            Optional<Instant> sealedUntil,
            List<Finding> findings) {
        var lastEnd = chain.isEmpty()
                ? predecessor.map(Digest::to)
                : Optional.of(chain.getLast().to());
        var firstStart =
                chain.isEmpty() ? lastEnd : Optional.of(chain.getFirst().from());
        var head = sealedUntil.or(() -> lastEnd);
        int before = 0;
        int unsealed = 0;
        for (var record : records) {
            var time = record.eventTime();
            if (firstStart.isPresent() && time.isBefore(firstStart.get())) {
                if (!chain.isEmpty() && chain.getFirst().isFirst() && predecessor.isEmpty()) {
                    findings.add(Finding.record(
                            Kind.RECORD_INSERTED,
                            record.eventId(),
                            chain.getFirst().digestId(),
                            "The record is dated before the chain began."));
                } else {
                    before++;
                }
            } else if (lastEnd.isEmpty() || !time.isBefore(lastEnd.get())) {
                if (head.isPresent() && time.isBefore(head.get())) {
                    findings.add(Finding.record(
                            Kind.DIGEST_MISSING,
                            record.eventId(),
                            null,
                            "The chain is sealed up to " + head.get() + ", but no digest given covers this record."));
                } else {
                    unsealed++;
                }
            }
        }
        if (unsealed > 0) {
            findings.add(Finding.info(
                    Kind.RECORDS_UNSEALED,
                    null,
                    unsealed + " record(s) after the last digest are not sealed yet; the next seal will cover them."));
        }
        if (before > 0) {
            findings.add(Finding.info(
                    Kind.CHAIN_START_UNCHECKED,
                    null,
                    before + " record(s) before the first digest given were not checked."));
        }
    }

    private static List<StoredRecord> within(List<StoredRecord> records, Instant from, Instant to) {
        return records.stream()
                .filter(r -> !r.eventTime().isBefore(from) && r.eventTime().isBefore(to))
                .toList();
    }
}
