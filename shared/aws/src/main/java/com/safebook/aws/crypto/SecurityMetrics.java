package com.safebook.aws.crypto;

/** The security events operators alarm on. */
public interface SecurityMetrics {
    /** A stored ciphertext failed authentication: tampered with, moved, or corrupted. */
    void ciphertextRejected(String table, String attribute);

    /** An audit record could not be written, and the call it records went on without it. */
    void auditWriteFailed();

    /** A call was refused for who made it: 401 (no usable identity) or 403 (not allowed). */
    void accessRefused(boolean authenticated);

    /** A dependency (DynamoDB, KMS) failed or throttled and the caller got a 503. */
    void dependencyUnavailable();

    /** A staff member was shown personal data: the volume operators watch for unusual reads. */
    void staffReadPersonalData();

    /** The audit trail failed verification. */
    void auditVerificationFailed();
}
