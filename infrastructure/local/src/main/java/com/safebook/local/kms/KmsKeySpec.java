package com.safebook.local.kms;

import java.util.Arrays;
import java.util.List;

/**
 * The key specs the local KMS can create, with the one key usage each supports here. Real KMS also
 * allows RSA keys for ENCRYPT_DECRYPT and ECC keys for KEY_AGREEMENT; the local stack needs neither, so
 * those combinations are refused rather than half emulated.
 */
enum KmsKeySpec {
    SYMMETRIC_DEFAULT(Family.AES, 256, null),
    RSA_2048(Family.RSA, 2048, null),
    RSA_3072(Family.RSA, 3072, null),
    RSA_4096(Family.RSA, 4096, null),
    ECC_NIST_P256(Family.EC, 256, "secp256r1"),
    ECC_NIST_P384(Family.EC, 384, "secp384r1"),
    ECC_NIST_P521(Family.EC, 521, "secp521r1"),
    HMAC_224(Family.HMAC, 224, "HmacSHA224"),
    HMAC_256(Family.HMAC, 256, "HmacSHA256"),
    HMAC_384(Family.HMAC, 384, "HmacSHA384"),
    HMAC_512(Family.HMAC, 512, "HmacSHA512");

    enum Family {
        AES,
        RSA,
        EC,
        HMAC
    }

    private final Family family;
    private final int bits;
    /** The curve name for EC keys, the JCA MAC algorithm for HMAC keys. */
    private final String parameter;

    KmsKeySpec(Family family, int bits, String parameter) {
        this.family = family;
        this.bits = bits;
        this.parameter = parameter;
    }

    Family family() {
        return family;
    }

    int bits() {
        return bits;
    }

    String curve() {
        return parameter;
    }

    String macAlgorithm() {
        return parameter;
    }

    boolean isAsymmetric() {
        return family == Family.RSA || family == Family.EC;
    }

    boolean supports(KmsKeyUsage usage) {
        return switch (family) {
            case AES -> usage == KmsKeyUsage.ENCRYPT_DECRYPT;
            case RSA, EC -> usage == KmsKeyUsage.SIGN_VERIFY;
            case HMAC -> usage == KmsKeyUsage.GENERATE_VERIFY_MAC;
        };
    }

    List<KmsSigningAlgorithm> signingAlgorithms() {
        return Arrays.stream(KmsSigningAlgorithm.values())
                .filter(a -> a.supports(this))
                .toList();
    }

    List<KmsMacAlgorithm> macAlgorithms() {
        return Arrays.stream(KmsMacAlgorithm.values())
                .filter(a -> a.keySpec() == this)
                .toList();
    }
}
