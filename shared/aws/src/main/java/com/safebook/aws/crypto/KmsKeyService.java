package com.safebook.aws.crypto;

import com.safebook.aws.config.Settings;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

/**
 * Data keys from KMS ({@code GenerateDataKey}, {@code Decrypt}) under the customer-managed key of
 * the template. KMS binds the encryption context to the wrapped key, and CloudTrail records it
 * with every call, so an operator sees which purpose and which subject each call was for.
 */
@Singleton
public final class KmsKeyService implements KeyService {
    private final KmsClient kms;
    private final String keyId;

    @Inject
    public KmsKeyService(KmsClient kms, Settings settings) {
        this.kms = kms;
        this.keyId = settings.dataKeyId();
    }

    @Override
    public DataKey generate(Map<String, String> encryptionContext) {
        var response = kms.generateDataKey(
                r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(encryptionContext));
        return new DataKey(
                new SecretKeySpec(response.plaintext().asByteArrayUnsafe(), "AES"),
                response.ciphertextBlob().asByteArray());
    }

    @Override
    public SecretKeySpec unwrap(byte[] wrapped, Map<String, String> encryptionContext) {
        var response = kms.decrypt(r ->
                r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped)).encryptionContext(encryptionContext));
        return new SecretKeySpec(response.plaintext().asByteArrayUnsafe(), "AES");
    }
}
