package com.safebook.aws.crypto;

/** The security events operators alarm on. */
public interface SecurityMetrics {
    /** A stored ciphertext failed authentication: tampered with, moved, or corrupted. */
    void ciphertextRejected(String table, String attribute);
}
