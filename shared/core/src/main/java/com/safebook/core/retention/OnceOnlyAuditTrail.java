package com.safebook.core.retention;

import com.safebook.core.audit.AuditRecord;

/**
 * Port: an audit trail that keeps at most one record per event id, for events that may be
 * delivered more than once (a change stream redelivers a batch after a failure).
 */
public interface OnceOnlyAuditTrail {
    /** Appends the record unless one with its event id is there already; true if it appended it. */
    boolean recordOnce(AuditRecord record);
}
