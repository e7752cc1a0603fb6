package com.safebook.local.kms;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;

/**
 * The signing algorithms of KMS for RSA and NIST-curve keys, in the encodings KMS returns: PSS with MGF1
 * over the same hash and a salt as long as the hash, PKCS #1 v1.5, and DER-encoded ECDSA.
 */
enum KmsSigningAlgorithm {
    RSASSA_PSS_SHA_256(Scheme.PSS, "SHA-256", null),
    RSASSA_PSS_SHA_384(Scheme.PSS, "SHA-384", null),
    RSASSA_PSS_SHA_512(Scheme.PSS, "SHA-512", null),
    RSASSA_PKCS1_V1_5_SHA_256(Scheme.PKCS1, "SHA-256", "3031300d060960864801650304020105000420"),
    RSASSA_PKCS1_V1_5_SHA_384(Scheme.PKCS1, "SHA-384", "3041300d060960864801650304020205000430"),
    RSASSA_PKCS1_V1_5_SHA_512(Scheme.PKCS1, "SHA-512", "3051300d060960864801650304020305000440"),
    ECDSA_SHA_256(Scheme.ECDSA, "SHA-256", null),
    ECDSA_SHA_384(Scheme.ECDSA, "SHA-384", null),
    ECDSA_SHA_512(Scheme.ECDSA, "SHA-512", null);

    /** Whether {@code Message} is the message itself or the caller's digest of it. */
    enum MessageType {
        RAW,
        DIGEST
    }

    private enum Scheme {
        PSS,
        PKCS1,
        ECDSA
    }

    private final Scheme scheme;
    private final String digestName;
    /** The DER prefix of a PKCS #1 DigestInfo for this hash, to sign a digest with NONEwithRSA. */
    private final byte[] digestInfoPrefix;

    KmsSigningAlgorithm(Scheme scheme, String digestName, String digestInfoPrefix) {
        this.scheme = scheme;
        this.digestName = digestName;
        this.digestInfoPrefix =
                digestInfoPrefix == null ? new byte[0] : HexFormat.of().parseHex(digestInfoPrefix);
    }

    boolean supports(KmsKeySpec spec) {
        return switch (scheme) {
            case PSS, PKCS1 -> spec.family() == KmsKeySpec.Family.RSA;
            // KMS pairs each curve with the hash of the same strength.
            case ECDSA ->
                switch (spec) {
                    case ECC_NIST_P256 -> this == ECDSA_SHA_256;
                    case ECC_NIST_P384 -> this == ECDSA_SHA_384;
                    case ECC_NIST_P521 -> this == ECDSA_SHA_512;
                    default -> false;
                };
        };
    }

    int digestLength() throws GeneralSecurityException {
        return MessageDigest.getInstance(digestName).getDigestLength();
    }

    byte[] sign(PrivateKey key, byte[] message, MessageType type, SecureRandom random) throws GeneralSecurityException {
        if (type == MessageType.DIGEST) {
            return switch (scheme) {
                case PSS -> PssEncoding.sign((RSAPrivateKey) key, digestName, message, random);
                case PKCS1 -> signWith("NONEwithRSA", key, digestInfo(message), random);
                case ECDSA -> signWith("NONEwithECDSA", key, message, random);
            };
        }
        var signature = rawSignature();
        signature.initSign(key, random);
        signature.update(message);
        return signature.sign();
    }

    boolean verify(PublicKey key, byte[] message, MessageType type, byte[] signatureBytes)
            throws GeneralSecurityException {
        try {
            if (type == MessageType.DIGEST) {
                return switch (scheme) {
                    case PSS -> PssEncoding.verify((RSAPublicKey) key, digestName, message, signatureBytes);
                    case PKCS1 -> verifyWith("NONEwithRSA", key, digestInfo(message), signatureBytes);
                    case ECDSA -> verifyWith("NONEwithECDSA", key, message, signatureBytes);
                };
            }
            var signature = rawSignature();
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (SignatureException malformedSignature) {
            // A signature that does not even parse (bad DER, wrong length) is simply not valid.
            return false;
        }
    }

    private Signature rawSignature() throws GeneralSecurityException {
        var hash = digestName.replace("-", "");
        return switch (scheme) {
            case PSS -> {
                var signature = Signature.getInstance("RSASSA-PSS");
                int saltLength = digestLength();
                signature.setParameter(new PSSParameterSpec(
                        digestName,
                        "MGF1",
                        new MGF1ParameterSpec(digestName),
                        saltLength,
                        PSSParameterSpec.TRAILER_FIELD_BC));
                yield signature;
            }
            case PKCS1 -> Signature.getInstance(hash + "withRSA");
            case ECDSA -> Signature.getInstance(hash + "withECDSA");
        };
    }

    private byte[] digestInfo(byte[] digest) {
        var info = new byte[digestInfoPrefix.length + digest.length];
        System.arraycopy(digestInfoPrefix, 0, info, 0, digestInfoPrefix.length);
        System.arraycopy(digest, 0, info, digestInfoPrefix.length, digest.length);
        return info;
    }

    private static byte[] signWith(String algorithm, PrivateKey key, byte[] data, SecureRandom random)
            throws GeneralSecurityException {
        var signature = Signature.getInstance(algorithm);
        signature.initSign(key, random);
        signature.update(data);
        return signature.sign();
    }

    private static boolean verifyWith(String algorithm, PublicKey key, byte[] data, byte[] signatureBytes)
            throws GeneralSecurityException {
        var signature = Signature.getInstance(algorithm);
        signature.initVerify(key);
        signature.update(data);
        return signature.verify(signatureBytes);
    }
}
