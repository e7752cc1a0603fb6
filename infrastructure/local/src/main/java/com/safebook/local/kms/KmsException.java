package com.safebook.local.kms;

/**
 * A KMS error as the wire shows it: the {@code __type} the SDKs map to an exception class, and the HTTP
 * status. The message goes to the client, so it must never contain key material, plaintext or
 * encryption-context values.
 */
final class KmsException extends RuntimeException {
    private final int status;
    private final String type;

    KmsException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static KmsException validation(String message) {
        return new KmsException(400, "ValidationException", message);
    }

    static KmsException notFound(String message) {
        return new KmsException(400, "NotFoundException", message);
    }

    static KmsException invalidCiphertext() {
        return new KmsException(
                400,
                "InvalidCiphertextException",
                "The ciphertext is invalid or was not encrypted" + " under this key with this encryption context.");
    }

    static KmsException invalidKeyUsage(String message) {
        return new KmsException(400, "InvalidKeyUsageException", message);
    }

    static KmsException invalidState(String message) {
        return new KmsException(400, "KMSInvalidStateException", message);
    }

    static KmsException unsupported(String message) {
        return new KmsException(400, "UnsupportedOperationException", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
