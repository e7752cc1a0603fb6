package com.safebook.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event in the audit trail, in the shape of a CloudTrail record. It holds no personal data:
 * customers appear by pseudonym, resources by id, addresses truncated, errors by code.
 */
public record AuditRecord(
        String eventVersion,
        Instant eventTime,
        String eventSource,
        String eventName,
        String eventType,
        Actor userIdentity,
        String sourceIPAddress,
        String userAgent,
        String requestID,
        String eventID,
        boolean readOnly,
        List<AuditResource> resources,
        Optional<String> errorCode,
        Optional<String> errorMessage) {

    public static final String EVENT_VERSION = "1.0";
    public static final String EVENT_TYPE = "SafeBookApiCall";

    public AuditRecord {
        Objects.requireNonNull(eventTime);
        Objects.requireNonNull(eventName);
        Objects.requireNonNull(userIdentity);
        Objects.requireNonNull(eventID);
        resources = List.copyOf(resources);
    }

    /** A record of a call that succeeded. */
    public static AuditRecord success(
            Instant time,
            String eventId,
            String source,
            String eventName,
            boolean readOnly,
            RequestContext context,
            List<AuditResource> resources) {
        return new AuditRecord(
                EVENT_VERSION,
                time,
                source,
                eventName,
                EVENT_TYPE,
                context.actor(),
                context.sourceIpAddress(),
                context.userAgent(),
                context.requestId(),
                eventId,
                readOnly,
                resources,
                Optional.empty(),
                Optional.empty());
    }

    /** A record of a call that was refused; the message is the domain's, never submitted data. */
    public AuditRecord withError(String code, String message) {
        return new AuditRecord(
                eventVersion,
                eventTime,
                eventSource,
                eventName,
                eventType,
                userIdentity,
                sourceIPAddress,
                userAgent,
                requestID,
                eventID,
                readOnly,
                resources,
                Optional.of(code),
                Optional.of(message));
    }
}
