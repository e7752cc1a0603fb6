package com.safebook.core.fake;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditTrail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The audit trail in memory; the booking fake appends to it inside its "transactions". */
public final class InMemoryAuditTrail implements AuditTrail {
    private final List<AuditRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditRecord record) {
        records.add(record);
    }

    public List<AuditRecord> records() {
        return List.copyOf(records);
    }
}
