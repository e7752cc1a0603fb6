package com.safebook.local.kms;

/** What a key may be used for; the names are those of the KMS API. */
enum KmsKeyUsage {
    ENCRYPT_DECRYPT,
    SIGN_VERIFY,
    GENERATE_VERIFY_MAC,
    KEY_AGREEMENT
}
