package com.safebook.audit;

import com.safebook.aws.crypto.KmsAuditSigner;
import com.safebook.core.audit.integrity.Digest;
import com.safebook.core.audit.integrity.PublicKeySignatureCheck;
import com.safebook.core.audit.integrity.SignatureCheck;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Checks digests with the public key KMS exports, fetched on first use and kept: verifying a long
 * range costs one {@code GetPublicKey}, not one {@code Verify} per digest, and checks exactly what an
 * offline verifier checks.
 */
@Singleton
final class KmsSignatureCheck implements SignatureCheck {
    private final KmsAuditSigner kms;
    private volatile PublicKeySignatureCheck check;

    @Inject
    KmsSignatureCheck(KmsAuditSigner kms) {
        this.kms = kms;
    }

    @Override
    public boolean isValid(Digest digest) {
        var current = check;
        if (current == null) {
            current = PublicKeySignatureCheck.fromPem(kms.publicKeyPem());
            check = current;
        }
        return current.isValid(digest);
    }

    String publicKeyPem() {
        return kms.publicKeyPem();
    }
}
