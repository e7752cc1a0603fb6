package com.safebook.core.fake;

import com.safebook.core.audit.integrity.AuditStore;
import com.safebook.core.audit.integrity.Digest;
import com.safebook.core.audit.integrity.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/** Records and digests in memory; tests tamper with them directly, as an attacker would. */
public final class InMemoryAuditStore implements AuditStore {
    private final ConcurrentSkipListMap<String, StoredRecord> records = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Instant, Digest> digests = new ConcurrentSkipListMap<>();

    public void add(StoredRecord record) {
        records.put(key(record), record);
    }

    @Override
    public List<StoredRecord> records(Instant from, Instant to) {
        return records.values().stream()
                .filter(r -> !r.eventTime().isBefore(from) && r.eventTime().isBefore(to))
                .toList();
    }

    @Override
    public Optional<Instant> earliestRecordTime() {
        return records.values().stream().map(StoredRecord::eventTime).min(Comparator.naturalOrder());
    }

    @Override
    public Optional<Digest> latestDigest() {
        return Optional.ofNullable(digests.lastEntry()).map(e -> e.getValue());
    }

    @Override
    public synchronized void append(Digest digest, Optional<Digest> expectedHead) {
        if (!latestDigest().map(Digest::digestId).equals(expectedHead.map(Digest::digestId))) {
            throw new ChainMovedException("The chain head moved", null);
        }
        digests.put(digest.to(), digest);
    }

    @Override
    public List<Digest> digests(Instant from, Instant to) {
        return digests.values().stream()
                .filter(d -> d.to().isAfter(from) && d.from().isBefore(to))
                .toList();
    }

    @Override
    public Optional<Digest> digestEndingAtOrBefore(Instant instant) {
        return Optional.ofNullable(digests.floorEntry(instant)).map(e -> e.getValue());
    }

    public List<Digest> allDigests() {
        return new ArrayList<>(digests.values());
    }

    /** Stored order, as the table lists it: every record with the key it is filed under. */
    public List<StoredRecord> allRecords() {
        return new ArrayList<>(records.values());
    }

    // Tampering, for tests.

    public void replaceRecord(String eventId, UnaryOperator<StoredRecord> change) {
        var entry = records.entrySet().stream()
                .filter(e -> e.getValue().eventId().equals(eventId))
                .findFirst()
                .orElseThrow();
        records.put(entry.getKey(), change.apply(entry.getValue()));
    }

    public void deleteRecord(String eventId) {
        records.values().removeIf(r -> r.eventId().equals(eventId));
    }

    /** Swaps the contents of two records but keeps where they are filed, so the listing order changes. */
    public void swapRecords(String first, String second) {
        var a = records.entrySet().stream()
                .filter(e -> e.getValue().eventId().equals(first))
                .findFirst()
                .orElseThrow();
        var b = records.entrySet().stream()
                .filter(e -> e.getValue().eventId().equals(second))
                .findFirst()
                .orElseThrow();
        var recordA = a.getValue();
        var recordB = b.getValue();
        records.put(
                a.getKey(),
                new StoredRecord(recordB.eventId(), recordA.eventTime(), recordB.canonical(), recordB.recordHash()));
        records.put(
                b.getKey(),
                new StoredRecord(recordA.eventId(), recordB.eventTime(), recordA.canonical(), recordA.recordHash()));
    }

    public void replaceDigest(Digest digest) {
        digests.put(digest.to(), digest);
    }

    public void deleteDigest(String digestId) {
        digests.values().removeIf(d -> d.digestId().equals(digestId));
    }

    private static String key(StoredRecord record) {
        return record.eventTime() + "#" + record.eventId();
    }
}
