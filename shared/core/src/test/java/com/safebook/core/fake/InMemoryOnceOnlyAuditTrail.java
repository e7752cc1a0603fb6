package com.safebook.core.fake;

import com.safebook.core.audit.AuditRecord;
import com.safebook.core.retention.OnceOnlyAuditTrail;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** At most one record per event id, as the DynamoDB adapter's conditional put keeps it. */
public final class InMemoryOnceOnlyAuditTrail implements OnceOnlyAuditTrail {
    private final Map<String, AuditRecord> byEventId = new ConcurrentHashMap<>();
    private final List<AuditRecord> records = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    @Override
    public boolean recordOnce(AuditRecord record) {
        var fail = failure;
        if (fail != null) {
            throw fail;
        }
        if (byEventId.putIfAbsent(record.eventID(), record) != null) {
            return false;
        }
        records.add(record);
        return true;
    }

    /** Every later write throws this, until {@code null} is set again. */
    public void failWith(RuntimeException next) {
        this.failure = next;
    }

    public List<AuditRecord> records() {
        return List.copyOf(records);
    }
}
