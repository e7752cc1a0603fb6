package com.safebook.local.kms;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.local.aws.AwsEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

class LocalKmsPersistenceTest {
    private static final Map<String, String> CONTEXT = Map.of("table", "bookings");

    @TempDir
    Path dataDirectory;

    @Test
    void restart_onSameDataDirectory_keepsKeysAliasesAndStates() throws Exception {
        SdkBytes ciphertext;
        SdkBytes signature;
        String createdKey;
        String disabledKey;
        KmsKeyReference templateKey;
        var first = new LocalKms("eu-central-1", "000000000000", Optional.of(dataDirectory));
        try (var endpoint = AwsEndpoint.serving(first);
                var kms = KmsTestClient.connect(endpoint.uri())) {
            templateKey = first.ensureKey("BookingKey", null, null, List.of("alias/safebook-bookings"), "bookings");
            createdKey = kms.createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
                    .keyMetadata()
                    .keyId();
            disabledKey = kms.createKey(r -> r.description("off")).keyMetadata().keyId();
            kms.disableKey(r -> r.keyId(disabledKey));
            ciphertext = kms.encrypt(r -> r.keyId("alias/safebook-bookings")
                            .encryptionContext(CONTEXT)
                            .plaintext(SdkBytes.fromUtf8String("kept across restarts")))
                    .ciphertextBlob();
            signature = kms.sign(r -> r.keyId(createdKey)
                            .message(SdkBytes.fromUtf8String("signed"))
                            .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
                    .signature();
        }

        var second = new LocalKms("eu-central-1", "000000000000", Optional.of(dataDirectory));
        try (var endpoint = AwsEndpoint.serving(second);
                var kms = KmsTestClient.connect(endpoint.uri())) {
            var decrypted = kms.decrypt(r -> r.ciphertextBlob(ciphertext).encryptionContext(CONTEXT));
            var verified = kms.verify(r -> r.keyId(createdKey)
                    .message(SdkBytes.fromUtf8String("signed"))
                    .signature(signature)
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
            var ensuredAgain =
                    second.ensureKey("BookingKey", null, null, List.of("alias/safebook-bookings"), "bookings");

            assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("kept across restarts");
            assertThat(decrypted.keyId()).isEqualTo(templateKey.arn());
            assertThat(verified.signatureValid()).isTrue();
            assertThat(ensuredAgain).isEqualTo(templateKey);
            assertThat(kms.describeKey(r -> r.keyId(disabledKey)).keyMetadata().keyState())
                    .isEqualTo(KeyState.DISABLED);
            assertThat(kms.listKeys().keys()).hasSize(3);
        }
    }

    @Test
    void keyFile_afterKeyCreated_isReadableByOwnerOnlyAndHasNoPlaintextLeftovers() throws Exception {
        var localKms = new LocalKms("us-east-1", "000000000000", Optional.of(dataDirectory));

        localKms.ensureKey("BookingKey", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", List.of(), "bookings");
        localKms.ensureKey("MacKey", "HMAC_256", "GENERATE_VERIFY_MAC", List.of(), "macs");

        var directory = dataDirectory.resolve("kms");
        var file = directory.resolve("keys.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keys.json");
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("BookingKey", "MacKey");
    }

    @Test
    void ensureKey_withChangedKeySpec_makesNewKeyAndKeepsTheOld() {
        var localKms = new LocalKms("us-east-1", "000000000000", Optional.of(dataDirectory));
        var symmetric = localKms.ensureKey("TokenKey", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", List.of(), null);

        var signing = localKms.ensureKey("TokenKey", "ECC_NIST_P256", "SIGN_VERIFY", List.of(), null);
        var restarted = new LocalKms("us-east-1", "000000000000", Optional.of(dataDirectory));

        assertThat(signing.keyId()).isNotEqualTo(symmetric.keyId());
        assertThat(restarted.ensureKey("TokenKey", "ECC_NIST_P256", "SIGN_VERIFY", List.of(), null))
                .isEqualTo(signing);
        var describeOld = restarted.handle(
                "DescribeKey", ("{\"KeyId\":\"" + symmetric.keyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(describeOld.status()).isEqualTo(200);
    }
}
