package com.safebook.core.fake;

import com.safebook.core.audit.integrity.AuditSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/** A P-256 key in memory that signs a SHA-256 as KMS does with {@code MessageType: DIGEST}. */
public final class InMemoryAuditSigner implements AuditSigner {
    private final KeyPair keys;
    private final String keyId;

    public InMemoryAuditSigner(String keyId) {
        this.keyId = keyId;
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return "ECDSA_SHA_256";
    }

    @Override
    public byte[] sign(byte[] sha256) {
        try {
            // NONEwithECDSA signs the given hash as it is: the same as SHA256withECDSA over the text.
            var signer = Signature.getInstance("NONEwithECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(sha256);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
