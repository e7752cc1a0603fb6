package com.safebook.aws.crypto;

import com.safebook.aws.config.Settings;
import com.safebook.core.audit.integrity.AuditSigner;
import com.safebook.core.audit.integrity.PublicKeySignatureCheck;
import javax.inject.Inject;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs digests with the asymmetric audit key in KMS ({@code ECDSA_SHA_256}, {@code MessageType:
 * DIGEST}: only the 32-byte hash leaves the function), and exports its public half for offline checks.
 */
public final class KmsAuditSigner implements AuditSigner {
    private final KmsClient kms;
    private final String keyId;

    @Inject
    public KmsAuditSigner(KmsClient kms, Settings.AuditIntegrity integrity) {
        this.kms = kms;
        this.keyId = integrity.signingKeyId();
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return SigningAlgorithmSpec.ECDSA_SHA_256.toString();
    }

    @Override
    public byte[] sign(byte[] sha256) {
        return kms.sign(r -> r.keyId(keyId)
                        .message(SdkBytes.fromByteArray(sha256))
                        .messageType(MessageType.DIGEST)
                        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
                .signature()
                .asByteArray();
    }

    /** The public key as PEM ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo). */
    public String publicKeyPem() {
        return PublicKeySignatureCheck.toPem(
                kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray());
    }
}
