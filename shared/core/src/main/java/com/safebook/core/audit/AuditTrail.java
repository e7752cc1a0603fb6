package com.safebook.core.audit;

/** Port: the append-only audit trail, for records not written inside a change's own transaction. */
public interface AuditTrail {
    void record(AuditRecord record);
}
