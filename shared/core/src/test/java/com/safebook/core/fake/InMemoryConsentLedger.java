package com.safebook.core.fake;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.consent.ConsentLedger;
import com.safebook.core.consent.ConsentRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consent ledger in memory, with the store's conditions: one record per subject, purpose and
 * sequence (an expired one may be replaced), the superseded record must still be there, and the
 * audit record is written with the change or not at all.
 */
public final class InMemoryConsentLedger implements ConsentLedger {
    private static final Comparator<ConsentRecord> ORDER = Comparator.comparing(ConsentRecord::at)
            .thenComparing(ConsentRecord::purposeId)
            .thenComparingInt(ConsentRecord::sequence);

    private final Map<String, List<ConsentRecord>> bySubject = new HashMap<>();
    private int historyReads;
    private final InMemoryAuditTrail audit;

    public InMemoryConsentLedger(InMemoryAuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public synchronized AppendOutcome append(
            ConsentRecord record, Optional<ConsentRecord> superseded, AuditRecord auditRecord) {
        var append = new Append(record, superseded, auditRecord);
        if (!accepts(append)) {
            return AppendOutcome.HISTORY_CHANGED;
        }
        apply(append);
        return AppendOutcome.APPENDED;
    }

    /**
     * Whether every one of {@code appends} would be appended; for a booking that writes its
     * grants in its own transaction. Hold this ledger's lock across this and {@link #applyAll}.
     */
    public synchronized boolean acceptsAll(List<Append> appends) {
        return appends.stream().allMatch(this::accepts);
    }

    /** Writes what {@link #acceptsAll} accepted. */
    public synchronized void applyAll(List<Append> appends) {
        appends.forEach(this::apply);
    }

    private boolean accepts(Append append) {
        var record = append.record();
        var records = bySubject.getOrDefault(record.subjectId(), List.of());
        var taken = records.stream()
                .anyMatch(r -> r.purposeId().equals(record.purposeId())
                        && r.sequence() == record.sequence()
                        && !r.isExpiredAt(record.at()));
        return !taken
                && append.superseded()
                        .map(s -> indexOf(records, s.recordId()) >= 0)
                        .orElse(true);
    }

    private void apply(Append append) {
        var record = append.record();
        var records = bySubject.computeIfAbsent(record.subjectId(), s -> new ArrayList<>());
        append.superseded().ifPresent(s -> records.set(indexOf(records, s.recordId()), s));
        records.removeIf(r -> r.purposeId().equals(record.purposeId()) && r.sequence() == record.sequence());
        records.add(record);
        audit.record(append.audit());
    }

    @Override
    public synchronized List<ConsentRecord> history(String subjectId, Instant now) {
        historyReads++;
        return bySubject.getOrDefault(subjectId, List.of()).stream()
                .filter(r -> !r.isExpiredAt(now))
                .sorted(ORDER)
                .toList();
    }

    @Override
    public synchronized int deleteAll(String subjectId) {
        var removed = bySubject.remove(subjectId);
        return removed == null ? 0 : removed.size();
    }

    /** How many times a subject's history was read (a query of the table). */
    public synchronized int historyReads() {
        return historyReads;
    }

    /** Every stored record of the subject, expired ones too, as a raw scan of the table would see. */
    public synchronized List<ConsentRecord> stored(String subjectId) {
        return List.copyOf(bySubject.getOrDefault(subjectId, List.of()));
    }

    private static int indexOf(List<ConsentRecord> records, String recordId) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).recordId().equals(recordId)) {
                return i;
            }
        }
        return -1;
    }
}
