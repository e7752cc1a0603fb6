package com.safebook.aws.crypto;

/** The security events operators alarm on. */
public interface SecurityMetrics {
    /** A stored ciphertext failed authentication: tampered with, moved, or corrupted. */
    void ciphertextRejected(String table, String attribute);

    /** An audit record could not be written, and the call it records went on without it. */
    void auditWriteFailed();
}
