package com.safebook.aws.crypto;

import com.safebook.core.privacy.DataSubject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * A data subject with their data key: the AES-256 key in the clear (memory only), the same key as
 * KMS wrapped it (the only form ever stored), and the blind index of their email address. Shows
 * none of it in {@link #toString()}.
 */
public final class SubjectKey implements DataSubject {
    private final String subjectId;
    private final String emailIndex;
    private final int keyVersion;
    private final SecretKey key;
    private final byte[] wrappedKey;
    private final boolean isNew;
    private final Instant expiresAt;

    SubjectKey(
            String subjectId,
            String emailIndex,
            int keyVersion,
            SecretKey key,
            byte[] wrappedKey,
            boolean isNew,
            Instant expiresAt) {
        this.subjectId = Objects.requireNonNull(subjectId);
        this.emailIndex = Objects.requireNonNull(emailIndex);
        this.keyVersion = keyVersion;
        this.key = Objects.requireNonNull(key);
        this.wrappedKey = wrappedKey.clone();
        this.isNew = isNew;
        this.expiresAt = expiresAt;
    }

    @Override
    public String subjectId() {
        return subjectId;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    /** The blind index of the subject's email address: an HMAC under a KMS-protected key. */
    public String emailIndex() {
        return emailIndex;
    }

    public int keyVersion() {
        return keyVersion;
    }

    SecretKey key() {
        return key;
    }

    byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    /** When the stored key expires, as last seen; empty for a new subject. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** This subject as stored by a write that set its expiry to {@code at} (or later). */
    SubjectKey storedUntil(Instant at) {
        var later = expiresAt != null && expiresAt.isAfter(at) ? expiresAt : at;
        return new SubjectKey(subjectId, emailIndex, keyVersion, key, wrappedKey, false, later);
    }

    @Override
    public String toString() {
        return "SubjectKey[" + subjectId + ", v" + keyVersion + (isNew ? ", new" : "") + "]";
    }
}
