package com.safebook.aws.crypto;

import com.safebook.aws.config.Settings;
import com.safebook.aws.snapstart.PrimingClients;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * SnapStart priming of KMS: the calls the functions make, marshalled, signed and answered from
 * memory ({@link PrimingClients}). No key is generated, unwrapped or used.
 */
public final class KmsPriming {
    private static final Map<String, String> CONTEXT = Map.of(KeyService.PURPOSE, "snapstart-priming");

    private KmsPriming() {}

    /** GenerateDataKey and Decrypt: the subjects' keys and the blind index's key. */
    public static void dataKeys(Settings settings) {
        try (var kms = PrimingClients.build(KmsClient.builder(), settings)) {
            kms.generateDataKey(r ->
                    r.keyId(settings.dataKeyId()).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
            kms.decrypt(r -> r.keyId(settings.dataKeyId())
                    .ciphertextBlob(SdkBytes.fromByteArray(new byte[1]))
                    .encryptionContext(CONTEXT));
        }
    }

    /** Sign and GetPublicKey: the audit trail's digests. */
    public static void signing(Settings settings, String signingKeyId) {
        try (var kms = PrimingClients.build(KmsClient.builder(), settings)) {
            kms.sign(r -> r.keyId(signingKeyId)
                    .message(SdkBytes.fromByteArray(new byte[32]))
                    .messageType(MessageType.DIGEST)
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
            kms.getPublicKey(r -> r.keyId(signingKeyId));
        }
    }
}
