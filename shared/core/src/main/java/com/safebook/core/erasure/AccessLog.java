package com.safebook.core.erasure;

import java.util.List;

/** Port: the staff accesses to a data subject's data, as recorded with the audit trail. */
public interface AccessLog {
    /** Oldest first. */
    List<StaffAccess> accessesTo(String subjectId);
}
