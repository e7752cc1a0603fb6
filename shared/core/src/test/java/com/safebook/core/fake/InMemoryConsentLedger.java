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
    private final InMemoryAuditTrail audit;

    public InMemoryConsentLedger(InMemoryAuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public synchronized AppendOutcome append(
            ConsentRecord record, Optional<ConsentRecord> superseded, AuditRecord auditRecord) {
        var records = bySubject.computeIfAbsent(record.subjectId(), s -> new ArrayList<>());
        var taken = records.stream()
                .anyMatch(r -> r.purposeId().equals(record.purposeId())
                        && r.sequence() == record.sequence()
                        && !r.isExpiredAt(record.at()));
        var supersededIndex = superseded.map(s -> indexOf(records, s.recordId()));
        if (taken || supersededIndex.filter(i -> i < 0).isPresent()) {
            return AppendOutcome.HISTORY_CHANGED;
        }
        supersededIndex.ifPresent(i -> records.set(i, superseded.orElseThrow()));
        records.removeIf(r -> r.purposeId().equals(record.purposeId()) && r.sequence() == record.sequence());
        records.add(record);
        audit.record(auditRecord);
        return AppendOutcome.APPENDED;
    }

    @Override
    public synchronized List<ConsentRecord> history(String subjectId, Instant now) {
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
