package com.safebook.core.retention;

import com.safebook.core.audit.Actor;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Audits a deletion made by the time-to-live service, once however often it is reported. The
 * record's id and time come from the change record, so a redelivered one finds its record there.
 */
public final class RecordExpiry {
    public static final String EVENT_SOURCE = "retention.safebook";
    public static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";
    /** The identity DynamoDB's TTL deletions carry, as CloudTrail names an AWS service. */
    public static final Actor TTL_SERVICE = new Actor("AWSService", TTL_PRINCIPAL, List.of(), false);

    private final OnceOnlyAuditTrail audit;

    public RecordExpiry(OnceOnlyAuditTrail audit) {
        this.audit = audit;
    }

    /** Returns whether a record was written (false: a redelivery, recorded before). */
    public boolean record(Expiry expiry) {
        var context = new RequestContext(TTL_SERVICE, expiry.sourceEventId(), "", TTL_PRINCIPAL);
        return audit.recordOnce(AuditRecord.success(
                expiry.deletedAt(),
                eventId(expiry.sourceEventId()),
                EVENT_SOURCE,
                expiry.item().kind().eventName(),
                false,
                context,
                expiry.item().resources()));
    }

    /** A name-based UUID of the change record's id: the same for every delivery of it. */
    static String eventId(String sourceEventId) {
        return UUID.nameUUIDFromBytes((EVENT_SOURCE + "/" + sourceEventId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
