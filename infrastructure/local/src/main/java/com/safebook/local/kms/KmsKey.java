package com.safebook.local.kms;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One KMS key: its metadata and its material (a secret for AES and HMAC keys, a key pair for RSA and EC
 * keys). Immutable; a change of state gives a new instance. {@link #toString()} never shows the material.
 */
final class KmsKey {
    private final String id;
    private final String logicalId;
    private final KmsKeySpec spec;
    private final KmsKeyUsage usage;
    private final String description;
    private final Instant creationDate;
    private final KmsKeyState state;
    private final Instant deletionDate;
    private final SecretKey secret;
    private final KeyPair keyPair;

    private KmsKey(
            String id,
            String logicalId,
            KmsKeySpec spec,
            KmsKeyUsage usage,
            String description,
            Instant creationDate,
            KmsKeyState state,
            Instant deletionDate,
            SecretKey secret,
            KeyPair keyPair) {
        this.id = Objects.requireNonNull(id);
        this.logicalId = logicalId;
        this.spec = Objects.requireNonNull(spec);
        this.usage = Objects.requireNonNull(usage);
        this.description = description == null ? "" : description;
        this.creationDate = Objects.requireNonNull(creationDate);
        this.state = Objects.requireNonNull(state);
        this.deletionDate = deletionDate;
        this.secret = secret;
        this.keyPair = keyPair;
    }

    /** A new enabled key with fresh material; {@code logicalId} is null unless the template declares it. */
    static KmsKey generate(
            String id,
            String logicalId,
            KmsKeySpec spec,
            KmsKeyUsage usage,
            String description,
            Instant now,
            SecureRandom random)
            throws GeneralSecurityException {
        SecretKey secret = null;
        KeyPair keyPair = null;
        switch (spec.family()) {
            case AES, HMAC -> {
                var bytes = new byte[spec.bits() / 8];
                random.nextBytes(bytes);
                secret = secretKey(spec, bytes);
            }
            case RSA -> {
                var generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(spec.bits(), RSAKeyGenParameterSpec.F4), random);
                keyPair = generator.generateKeyPair();
            }
            case EC -> {
                var generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(spec.curve()), random);
                keyPair = generator.generateKeyPair();
            }
        }
        return new KmsKey(id, logicalId, spec, usage, description, now, KmsKeyState.ENABLED, null, secret, keyPair);
    }

    /**
     * A key read back from the store: {@code secret} for AES and HMAC keys, or the PKCS #8 private key and
     * X.509 SubjectPublicKeyInfo for RSA and EC keys.
     */
    static KmsKey restore(
            String id,
            String logicalId,
            KmsKeySpec spec,
            KmsKeyUsage usage,
            String description,
            Instant creationDate,
            KmsKeyState state,
            Instant deletionDate,
            byte[] secret,
            byte[] privateKeyDer,
            byte[] publicKeyDer)
            throws GeneralSecurityException {
        if (spec.isAsymmetric()) {
            var factory = KeyFactory.getInstance(spec.family() == KmsKeySpec.Family.RSA ? "RSA" : "EC");
            var keyPair = new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(publicKeyDer)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateKeyDer)));
            return new KmsKey(
                    id, logicalId, spec, usage, description, creationDate, state, deletionDate, null, keyPair);
        }
        if (secret == null || secret.length != spec.bits() / 8) {
            throw new GeneralSecurityException("Stored secret of key " + id + " has the wrong length");
        }
        return new KmsKey(
                id,
                logicalId,
                spec,
                usage,
                description,
                creationDate,
                state,
                deletionDate,
                secretKey(spec, secret),
                null);
    }

    private static SecretKey secretKey(KmsKeySpec spec, byte[] bytes) {
        return new SecretKeySpec(bytes, spec.family() == KmsKeySpec.Family.AES ? "AES" : spec.macAlgorithm());
    }

    KmsKey withState(KmsKeyState newState, Instant newDeletionDate) {
        return new KmsKey(
                id, logicalId, spec, usage, description, creationDate, newState, newDeletionDate, secret, keyPair);
    }

    KmsKey withDescription(String newDescription) {
        return new KmsKey(
                id, logicalId, spec, usage, newDescription, creationDate, state, deletionDate, secret, keyPair);
    }

    KmsKey withLogicalId(String newLogicalId) {
        return new KmsKey(
                id, newLogicalId, spec, usage, description, creationDate, state, deletionDate, secret, keyPair);
    }

    String id() {
        return id;
    }

    /** The template's logical id of the key, or null for a key made with CreateKey. */
    String logicalId() {
        return logicalId;
    }

    KmsKeySpec spec() {
        return spec;
    }

    KmsKeyUsage usage() {
        return usage;
    }

    String description() {
        return description;
    }

    Instant creationDate() {
        return creationDate;
    }

    KmsKeyState state() {
        return state;
    }

    /** When a key pending deletion goes, else null. */
    Instant deletionDate() {
        return deletionDate;
    }

    /** The AES or HMAC key; null for asymmetric keys. */
    SecretKey secret() {
        return secret;
    }

    /** Null for AES and HMAC keys. */
    PrivateKey privateKey() {
        return keyPair == null ? null : keyPair.getPrivate();
    }

    /** Null for AES and HMAC keys. */
    PublicKey publicKey() {
        return keyPair == null ? null : keyPair.getPublic();
    }

    @Override
    public String toString() {
        return "KmsKey[id=" + id + ", spec=" + spec + ", usage=" + usage + ", state=" + state.wireName() + "]";
    }
}
