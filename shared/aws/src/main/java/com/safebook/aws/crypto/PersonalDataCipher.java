package com.safebook.aws.crypto;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.security.SecureIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Field-level encryption of personal data: AES-256-GCM under the data subject's key, a fresh
 * random 96-bit IV per value, and the value's {@link FieldLocation}, subject and key version as
 * additional authenticated data. Plain JCE, chosen over the AWS Encryption SDK and the Database
 * Encryption SDK: it costs no cold start and no jar, and per-subject KMS data keys are all the key
 * hierarchy SafeBook needs (see the README).
 *
 * <p>Stored form: {@code 0x01 | key version (4 bytes) | IV (12) | ciphertext | tag (16)}.
 */
@Singleton
public final class PersonalDataCipher {
    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 4;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureIds ids;
    private final SecurityMetrics metrics;

    @Inject
    public PersonalDataCipher(SecureIds ids, SecurityMetrics metrics) {
        this.ids = ids;
        this.metrics = metrics;
    }

    public byte[] encrypt(SubjectKey subject, FieldLocation where, String plaintext) {
        var iv = ids.bytes(IV_BYTES);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, subject.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(where.associatedData(subject.subjectId(), subject.keyVersion()));
            var data = plaintext.getBytes(StandardCharsets.UTF_8);
            var out = ByteBuffer.allocate(HEADER + IV_BYTES + cipher.getOutputSize(data.length));
            out.put(FORMAT).putInt(subject.keyVersion()).put(iv);
            cipher.doFinal(ByteBuffer.wrap(data), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    /**
     * The value, or a refusal if it fails authentication: tampered with, moved to another item or
     * attribute, or made under another key. Never returns what it cannot authenticate.
     */
    public String decrypt(SubjectKey subject, FieldLocation where, byte[] stored) {
        if (stored.length < HEADER + IV_BYTES + TAG_BITS / 8
                || stored[0] != FORMAT
                || ByteBuffer.wrap(stored, 1, 4).getInt() != subject.keyVersion()) {
            throw rejected(where);
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, subject.key(), new GCMParameterSpec(TAG_BITS, stored, HEADER, IV_BYTES));
            cipher.updateAAD(where.associatedData(subject.subjectId(), subject.keyVersion()));
            var plain = cipher.doFinal(stored, HEADER + IV_BYTES, stored.length - HEADER - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw rejected(where);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    private DomainException rejected(FieldLocation where) {
        metrics.ciphertextRejected(where.table(), where.attribute());
        return new DomainException(
                ErrorKind.DATA_INTEGRITY,
                "stored-data-integrity",
                "Stored data failed its integrity check and was not returned; the operators have been alerted.");
    }
}
