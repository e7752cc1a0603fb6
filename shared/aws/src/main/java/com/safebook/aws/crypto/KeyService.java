package com.safebook.aws.crypto;

import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Port: data keys under a master key that never leaves its service (KMS in AWS and in the local
 * stack; an in-memory fake in unit tests). Every call names its purpose in the encryption context,
 * which is bound to the wrapped key, so that a wrapped key only opens for what it was made for.
 */
public interface KeyService {
    String PURPOSE = "purpose";

    /** A new AES-256 key, in the clear and wrapped. */
    DataKey generate(Map<String, String> encryptionContext);

    /** The key inside {@code wrapped}; refused unless the context is the one it was made with. */
    SecretKeySpec unwrap(byte[] wrapped, Map<String, String> encryptionContext);

    record DataKey(SecretKeySpec key, byte[] wrapped) {
        @Override
        public String toString() {
            return "DataKey[redacted]";
        }
    }
}
