package com.safebook.aws.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.aws.config.Settings;
import com.safebook.core.booking.RetentionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsServiceClientConfiguration;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/** Pins the exact KMS requests; the SDK client is stubbed here and nowhere else. */
class KmsKeyServiceTest {
    private static final Map<String, String> CONTEXT = Map.of("purpose", "safebook:personal-data", "subject", "s1");
    private final List<Object> requests = new ArrayList<>();
    private final KmsKeyService service = new KmsKeyService(new RecordingKms(), settings());

    @Test
    void generate_asksForAnAes256KeyUnderTheConfiguredKeyWithTheContext() {
        var dataKey = service.generate(CONTEXT);

        assertThat(requests)
                .singleElement()
                .isEqualTo(GenerateDataKeyRequest.builder()
                        .keyId("arn:aws:kms:eu-west-1:111122223333:key/k")
                        .keySpec(DataKeySpec.AES_256)
                        .encryptionContext(CONTEXT)
                        .build());
        assertThat(dataKey.key().getEncoded()).hasSize(32);
        assertThat(dataKey.wrapped()).containsExactly(9, 9, 9);
    }

    @Test
    void unwrap_namesTheKeyAndTheContextSoKmsCanRefuseAnyOther() {
        var key = service.unwrap(new byte[] {9, 9, 9}, CONTEXT);

        assertThat(requests)
                .singleElement()
                .isEqualTo(DecryptRequest.builder()
                        .keyId("arn:aws:kms:eu-west-1:111122223333:key/k")
                        .ciphertextBlob(SdkBytes.fromByteArray(new byte[] {9, 9, 9}))
                        .encryptionContext(CONTEXT)
                        .build());
        assertThat(key.getAlgorithm()).isEqualTo("AES");
    }

    private final class RecordingKms implements KmsClient {
        @Override
        public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
            requests.add(request);
            return GenerateDataKeyResponse.builder()
                    .plaintext(SdkBytes.fromByteArray(new byte[32]))
                    .ciphertextBlob(SdkBytes.fromByteArray(new byte[] {9, 9, 9}))
                    .build();
        }

        @Override
        public DecryptResponse decrypt(DecryptRequest request) {
            requests.add(request);
            return DecryptResponse.builder()
                    .plaintext(SdkBytes.fromByteArray(new byte[32]))
                    .build();
        }

        @Override
        public KmsServiceClientConfiguration serviceClientConfiguration() {
            return KmsServiceClientConfiguration.builder().build();
        }

        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {}
    }

    private static Settings settings() {
        return new Settings(
                "eu-west-1",
                Optional.empty(),
                "b",
                "a",
                "k",
                "arn:aws:kms:eu-west-1:111122223333:key/k",
                new Settings.SubjectKeyCache(10, Duration.ofMinutes(1)),
                RetentionPolicy.defaults(),
                3);
    }
}
