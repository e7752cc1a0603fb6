package com.safebook.core.audit.integrity;

/** Port: signs a SHA-256 with the audit trail's asymmetric key (its private half never leaves KMS). */
public interface AuditSigner {
    String keyId();

    /** For example {@code ECDSA_SHA_256}, as KMS names it. */
    String algorithm();

    /** The signature of a 32-byte SHA-256 digest. */
    byte[] sign(byte[] sha256);
}
