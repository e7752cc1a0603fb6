package com.safebook.core.audit;

/** A resource an event touched, as in CloudTrail's {@code resources}: a type and an ARN-like name. */
public record AuditResource(String type, String arn) {
    public static AuditResource booking(String bookingId) {
        return new AuditResource("SafeBook::Booking", "safebook:booking/" + bookingId);
    }

    /** The person whose data an event touched, by pseudonym only. */
    public static AuditResource dataSubject(String subjectId) {
        return new AuditResource("SafeBook::DataSubject", "safebook:subject/" + subjectId);
    }

    public static AuditResource service(String serviceId) {
        return new AuditResource("SafeBook::Service", "safebook:service/" + serviceId);
    }

    /** A subject's consents, by the caller's pseudonymous subject id. */
    public static AuditResource consents(String subjectId) {
        return new AuditResource("SafeBook::Consents", "safebook:consents/" + subjectId);
    }

    /** One record of the consent ledger; the purpose and decision stay in the ledger. */
    public static AuditResource consentRecord(String recordId) {
        return new AuditResource("SafeBook::ConsentRecord", "safebook:consent-record/" + recordId);
    }
}
