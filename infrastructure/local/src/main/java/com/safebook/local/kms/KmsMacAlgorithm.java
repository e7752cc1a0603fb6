package com.safebook.local.kms;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** The HMAC algorithms of KMS; as in KMS, each HMAC key spec supports exactly its own algorithm. */
enum KmsMacAlgorithm {
    HMAC_SHA_224(KmsKeySpec.HMAC_224),
    HMAC_SHA_256(KmsKeySpec.HMAC_256),
    HMAC_SHA_384(KmsKeySpec.HMAC_384),
    HMAC_SHA_512(KmsKeySpec.HMAC_512);

    private final KmsKeySpec keySpec;

    KmsMacAlgorithm(KmsKeySpec keySpec) {
        this.keySpec = keySpec;
    }

    KmsKeySpec keySpec() {
        return keySpec;
    }

    byte[] mac(SecretKey key, byte[] message) throws GeneralSecurityException {
        var mac = Mac.getInstance(keySpec.macAlgorithm());
        mac.init(key);
        return mac.doFinal(message);
    }

    boolean verify(SecretKey key, byte[] message, byte[] expected) throws GeneralSecurityException {
        // Constant time, so that a caller cannot find a valid MAC byte by byte.
        return MessageDigest.isEqual(mac(key, message), expected);
    }
}
