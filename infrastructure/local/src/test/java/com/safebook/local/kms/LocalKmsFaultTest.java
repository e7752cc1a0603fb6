package com.safebook.local.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.local.aws.AwsEndpoint;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;

class LocalKmsFaultTest {
    private LocalKms localKms;
    private AwsEndpoint endpoint;
    private KmsClient kms;
    private String keyId;

    @BeforeEach
    void start() throws Exception {
        localKms = new LocalKms("us-east-1", "000000000000", Optional.empty());
        endpoint = AwsEndpoint.serving(localKms);
        kms = KmsTestClient.connectWithoutRetries(endpoint.uri());
        keyId = kms.createKey(r -> r.description("faults")).keyMetadata().keyId();
    }

    @AfterEach
    void stop() {
        kms.close();
        endpoint.close();
    }

    @Test
    void failNext_throttling_failsThatManyCallsWithThrottlingExceptionThenRecovers() {
        localKms.faults().failNext(2, KmsFault.THROTTLING);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(this::encrypt).isInstanceOfSatisfying(KmsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).isTrue();
            });
        }
        assertThat(encrypt()).isNotNull();
        assertThat(localKms.callCount("Encrypt")).isEqualTo(3);
    }

    @Test
    void failNext_unavailable_failsWithKmsInternalException() {
        localKms.faults().failNext(1, KmsFault.UNAVAILABLE);

        assertThatThrownBy(this::encrypt)
                .isInstanceOfSatisfying(KmsInternalException.class, e -> assertThat(e.statusCode())
                        .isEqualTo(500));
        assertThat(encrypt()).isNotNull();
    }

    @Test
    void failRatio_withSeed_failsSomeCallsAndResetStopsIt() {
        localKms.faults().failRatio(0.5, KmsFault.UNAVAILABLE, 42L);

        int failures = 0;
        for (int i = 0; i < 40; i++) {
            try {
                encrypt();
            } catch (KmsInternalException expected) {
                failures++;
            }
        }
        localKms.faults().reset();

        assertThat(failures).isBetween(5, 35);
        assertThat(encrypt()).isNotNull();
    }

    @Test
    void failNext_withRetryingClient_isRetriedTransparently() {
        localKms.faults().failNext(1, KmsFault.THROTTLING);
        localKms.resetCounts();

        try (var retrying = KmsTestClient.connect(endpoint.uri())) {
            retrying.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x")));
        }

        assertThat(localKms.callCount("Encrypt")).isEqualTo(2);
    }

    private SdkBytes encrypt() {
        return kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x")))
                .ciphertextBlob();
    }
}
