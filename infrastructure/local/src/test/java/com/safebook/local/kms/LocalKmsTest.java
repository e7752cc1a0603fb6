package com.safebook.local.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.local.aws.AwsEndpoint;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidAliasNameException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalKmsTest {
    private static final Map<String, String> CONTEXT = Map.of("tenant", "t-1", "purpose", "booking");
    private static final byte[] MESSAGE = "Booking 42 confirmed".getBytes(StandardCharsets.UTF_8);

    private LocalKms localKms;
    private AwsEndpoint endpoint;
    private KmsClient kms;
    private String symmetricKey;
    private String rsaKey;
    private String ecKey;
    private String hmacKey;

    @BeforeAll
    void start() throws Exception {
        localKms = new LocalKms("us-east-1", "000000000000", Optional.empty());
        endpoint = AwsEndpoint.serving(localKms);
        kms = KmsTestClient.connect(endpoint.uri());
        symmetricKey = createKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
        rsaKey = createKey(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        ecKey = createKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        hmacKey = createKey(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
    }

    @AfterAll
    void stop() {
        kms.close();
        endpoint.close();
    }

    @Test
    void generateDataKey_thenDecryptWithSameContext_returnsSamePlaintext() {
        var dataKey = kms.generateDataKey(
                r -> r.keyId(symmetricKey).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));

        var decrypted =
                kms.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(CONTEXT));

        assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
        assertThat(decrypted.plaintext()).isEqualTo(dataKey.plaintext());
        assertThat(decrypted.keyId()).isEqualTo(arn(symmetricKey)).isEqualTo(dataKey.keyId());
    }

    @Test
    void generateDataKey_withNumberOfBytesOrAes128_returnsKeyOfThatLength() {
        var bytes = kms.generateDataKey(r -> r.keyId(symmetricKey).numberOfBytes(64));
        var aes128 = kms.generateDataKey(r -> r.keyId(symmetricKey).keySpec(DataKeySpec.AES_128));

        assertThat(bytes.plaintext().asByteArray()).hasSize(64);
        assertThat(aes128.plaintext().asByteArray()).hasSize(16);
    }

    @Test
    void generateDataKey_withKeySpecAndNumberOfBytes_throwsValidationException() {
        assertThatThrownBy(() -> kms.generateDataKey(
                        r -> r.keyId(symmetricKey).keySpec(DataKeySpec.AES_256).numberOfBytes(32)))
                .isInstanceOfSatisfying(KmsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void generateDataKeyWithoutPlaintext_ciphertext_decryptsToDataKey() {
        var dataKey = kms.generateDataKeyWithoutPlaintext(
                r -> r.keyId(symmetricKey).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));

        var decrypted =
                kms.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(CONTEXT));

        assertThat(decrypted.plaintext().asByteArray()).hasSize(32);
    }

    @Test
    void decrypt_withDifferentContext_throwsInvalidCiphertext() {
        var blob = kms.encrypt(
                        r -> r.keyId(symmetricKey).plaintext(bytes("secret")).encryptionContext(CONTEXT))
                .ciphertextBlob();

        assertThatThrownBy(() -> kms.decrypt(
                        r -> r.ciphertextBlob(blob).encryptionContext(Map.of("tenant", "t-2", "purpose", "booking"))))
                .isInstanceOf(InvalidCiphertextException.class)
                .hasMessageNotContaining("t-1")
                .hasMessageNotContaining("t-2");
    }

    @Test
    void decrypt_withMissingContext_throwsInvalidCiphertext() {
        var blob = kms.encrypt(
                        r -> r.keyId(symmetricKey).plaintext(bytes("secret")).encryptionContext(CONTEXT))
                .ciphertextBlob();

        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob)))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void decrypt_withContextInOtherOrder_returnsPlaintext() {
        var blob = kms.encrypt(r ->
                        r.keyId(symmetricKey).plaintext(bytes("secret")).encryptionContext(Map.of("a", "1", "b", "2")))
                .ciphertextBlob();

        var decrypted = kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("b", "2", "a", "1")));

        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("secret");
    }

    @Test
    void decrypt_withFlippedCiphertextBit_throwsInvalidCiphertext() {
        var blob = kms.encrypt(r -> r.keyId(symmetricKey).plaintext(bytes("secret")))
                .ciphertextBlob()
                .asByteArray();

        for (int index : new int[] {0, 5, 20, blob.length - 1}) {
            var tampered = blob.clone();
            tampered[index] ^= 0x01;

            assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(tampered))))
                    .as("bit flipped in byte %d", index)
                    .isInstanceOf(InvalidCiphertextException.class);
        }
    }

    @Test
    void decrypt_withGarbage_throwsInvalidCiphertext() {
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(bytes("not a ciphertext at all, really"))))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void decrypt_withKeyIdOfOtherKey_throwsIncorrectKey() {
        var otherKey = createKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
        var blob = kms.encrypt(r -> r.keyId(symmetricKey).plaintext(bytes("secret")))
                .ciphertextBlob();

        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId(otherKey)))
                .isInstanceOf(IncorrectKeyException.class);
    }

    @Test
    void encrypt_thenDecryptWithAndWithoutKeyId_returnsPlaintext() {
        var encrypted = kms.encrypt(r -> r.keyId(symmetricKey).plaintext(bytes("card 4111")));

        var withoutKeyId = kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob()));
        var withKeyArn =
                kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob()).keyId(arn(symmetricKey)));

        assertThat(new String(encrypted.ciphertextBlob().asByteArray(), StandardCharsets.ISO_8859_1))
                .doesNotContain("card 4111");
        assertThat(withoutKeyId.plaintext().asUtf8String()).isEqualTo("card 4111");
        assertThat(withKeyArn.plaintext().asUtf8String()).isEqualTo("card 4111");
    }

    @Test
    void encrypt_samePlaintextTwice_givesDifferentCiphertexts() {
        var first =
                kms.encrypt(r -> r.keyId(symmetricKey).plaintext(bytes("same"))).ciphertextBlob();
        var second =
                kms.encrypt(r -> r.keyId(symmetricKey).plaintext(bytes("same"))).ciphertextBlob();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void reEncrypt_toOtherKeyAndContext_decryptsUnderTheNewOnes() {
        var destinationKey = createKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
        var blob = kms.encrypt(
                        r -> r.keyId(symmetricKey).plaintext(bytes("move me")).encryptionContext(CONTEXT))
                .ciphertextBlob();

        var reencrypted = kms.reEncrypt(r -> r.ciphertextBlob(blob)
                .sourceEncryptionContext(CONTEXT)
                .destinationKeyId(destinationKey)
                .destinationEncryptionContext(Map.of("v", "2")));
        var decrypted =
                kms.decrypt(r -> r.ciphertextBlob(reencrypted.ciphertextBlob()).encryptionContext(Map.of("v", "2")));

        assertThat(reencrypted.sourceKeyId()).isEqualTo(arn(symmetricKey));
        assertThat(reencrypted.keyId()).isEqualTo(arn(destinationKey));
        assertThat(decrypted.keyId()).isEqualTo(arn(destinationKey));
        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("move me");
    }

    @Test
    void encrypt_byAliasNameAndAliasArn_usesTheAliasedKey() {
        kms.createAlias(r -> r.aliasName("alias/bookings").targetKeyId(symmetricKey));

        var byName = kms.encrypt(r -> r.keyId("alias/bookings").plaintext(bytes("x")));
        var byArn = kms.encrypt(r ->
                r.keyId("arn:aws:kms:us-east-1:000000000000:alias/bookings").plaintext(bytes("y")));

        assertThat(byName.keyId()).isEqualTo(arn(symmetricKey));
        assertThat(byArn.keyId()).isEqualTo(arn(symmetricKey));
        assertThat(kms.describeKey(r -> r.keyId("alias/bookings")).keyMetadata().keyId())
                .isEqualTo(symmetricKey);
    }

    @Test
    void createAlias_withReservedOrBadName_throwsInvalidAliasName() {
        assertThatThrownBy(
                        () -> kms.createAlias(r -> r.aliasName("alias/aws/s3").targetKeyId(symmetricKey)))
                .isInstanceOf(InvalidAliasNameException.class);
        assertThatThrownBy(() -> kms.createAlias(r -> r.aliasName("bookings").targetKeyId(symmetricKey)))
                .isInstanceOf(InvalidAliasNameException.class);
    }

    @Test
    void describeKey_symmetricAndSigningKeys_returnMetadata() {
        var symmetric = kms.describeKey(r -> r.keyId(symmetricKey)).keyMetadata();
        var rsa = kms.describeKey(r -> r.keyId(arn(rsaKey))).keyMetadata();

        assertThat(symmetric.keyId()).isEqualTo(symmetricKey);
        assertThat(symmetric.arn()).isEqualTo(arn(symmetricKey));
        assertThat(symmetric.awsAccountId()).isEqualTo("000000000000");
        assertThat(symmetric.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(symmetric.enabled()).isTrue();
        assertThat(symmetric.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(symmetric.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
        assertThat(symmetric.creationDate()).isNotNull();
        assertThat(symmetric.encryptionAlgorithmsAsStrings()).containsExactly("SYMMETRIC_DEFAULT");
        assertThat(rsa.keySpec()).isEqualTo(KeySpec.RSA_2048);
        assertThat(rsa.signingAlgorithms())
                .contains(SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512);
    }

    @Test
    void listKeys_withSmallPages_returnsEveryKeyOnce() {
        var seen = new ArrayList<String>();
        String marker = null;
        do {
            var from = marker;
            var page = kms.listKeys(r -> r.limit(2).marker(from));
            page.keys().stream().map(KeyListEntry::keyId).forEach(seen::add);
            page.keys().forEach(k -> assertThat(k.keyArn()).isEqualTo(arn(k.keyId())));
            marker = page.truncated() ? page.nextMarker() : null;
        } while (marker != null);

        assertThat(seen).doesNotHaveDuplicates().contains(symmetricKey, rsaKey, ecKey, hmacKey);
        assertThat(kms.listKeysPaginator(r -> r.limit(1)).keys().stream().map(KeyListEntry::keyId))
                .containsExactlyElementsOf(seen);
    }

    @Test
    void listAliases_afterCreateAlias_showsAliasAndTarget() {
        kms.createAlias(r -> r.aliasName("alias/signing").targetKeyId(rsaKey));

        var all = kms.listAliases().aliases();
        var ofRsaKey = kms.listAliases(r -> r.keyId(rsaKey)).aliases();

        assertThat(all).extracting(AliasListEntry::aliasName).contains("alias/signing");
        assertThat(ofRsaKey).singleElement().satisfies(alias -> {
            assertThat(alias.aliasName()).isEqualTo("alias/signing");
            assertThat(alias.targetKeyId()).isEqualTo(rsaKey);
            assertThat(alias.aliasArn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:alias/signing");
        });
    }

    @Test
    void sign_rsaPssSha256_verifiesOfflineWithThePublicKey() throws Exception {
        var signature = kms.sign(r -> r.keyId(rsaKey)
                .message(SdkBytes.fromByteArray(MESSAGE))
                .messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256));
        var der = kms.getPublicKey(r -> r.keyId(rsaKey)).publicKey().asByteArray();

        var publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        var verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        verifier.initVerify(publicKey);
        verifier.update(MESSAGE);

        assertThat(verifier.verify(signature.signature().asByteArray())).isTrue();
        assertThat(signature.keyId()).isEqualTo(arn(rsaKey));
    }

    @Test
    void sign_ecdsaSha256_verifiesOfflineWithThePublicKey() throws Exception {
        var signature = kms.sign(r -> r.keyId(ecKey)
                .message(SdkBytes.fromByteArray(MESSAGE))
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
        var publicKey = kms.getPublicKey(r -> r.keyId(ecKey));

        var verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(publicKey.publicKey().asByteArray())));
        verifier.update(MESSAGE);

        assertThat(verifier.verify(signature.signature().asByteArray())).isTrue();
        assertThat(publicKey.keySpec()).isEqualTo(KeySpec.ECC_NIST_P256);
        assertThat(publicKey.signingAlgorithms()).containsExactly(SigningAlgorithmSpec.ECDSA_SHA_256);
    }

    @ParameterizedTest
    @CsvSource({
        "RSASSA_PSS_SHA_256, SHA-256, RSASSA-PSS, RSA",
        "RSASSA_PSS_SHA_512, SHA-512, RSASSA-PSS, RSA",
        "RSASSA_PKCS1_V1_5_SHA_256, SHA-256, SHA256withRSA, RSA",
        "RSASSA_PKCS1_V1_5_SHA_384, SHA-384, SHA384withRSA, RSA",
        "ECDSA_SHA_256, SHA-256, SHA256withECDSA, EC"
    })
    void sign_digestMessageType_verifiesOfflineAsSignatureOfTheMessage(
            String algorithm, String digest, String jdkAlgorithm, String keyType) throws Exception {
        var keyId = keyType.equals("RSA") ? rsaKey : ecKey;
        var messageDigest = MessageDigest.getInstance(digest).digest(MESSAGE);

        var signature = kms.sign(r -> r.keyId(keyId)
                        .message(SdkBytes.fromByteArray(messageDigest))
                        .messageType(MessageType.DIGEST)
                        .signingAlgorithm(algorithm))
                .signature();
        var verifiedByKms = kms.verify(r -> r.keyId(keyId)
                        .message(SdkBytes.fromByteArray(MESSAGE))
                        .messageType(MessageType.RAW)
                        .signingAlgorithm(algorithm)
                        .signature(signature))
                .signatureValid();

        var der = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
        var verifier = Signature.getInstance(jdkAlgorithm);
        if (jdkAlgorithm.equals("RSASSA-PSS")) {
            int saltLength = messageDigest.length;
            verifier.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength, 1));
        }
        verifier.initVerify(KeyFactory.getInstance(keyType).generatePublic(new X509EncodedKeySpec(der)));
        verifier.update(MESSAGE);

        assertThat(verifier.verify(signature.asByteArray())).isTrue();
        assertThat(verifiedByKms).isTrue();
    }

    @Test
    void sign_digestOfWrongLength_throwsValidationException() {
        assertThatThrownBy(() -> kms.sign(r -> r.keyId(rsaKey)
                        .message(bytes("short"))
                        .messageType(MessageType.DIGEST)
                        .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)))
                .isInstanceOfSatisfying(
                        KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void verify_ofUntamperedMessage_isValid() {
        var signature = kms.sign(r -> r.keyId(ecKey)
                        .message(SdkBytes.fromByteArray(MESSAGE))
                        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
                .signature();

        var result = kms.verify(r -> r.keyId(ecKey)
                .message(SdkBytes.fromByteArray(MESSAGE))
                .signature(signature)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));

        assertThat(result.signatureValid()).isTrue();
    }

    @Test
    void verify_ofTamperedMessage_throwsKmsInvalidSignature() {
        var signature = kms.sign(r -> r.keyId(rsaKey)
                        .message(SdkBytes.fromByteArray(MESSAGE))
                        .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256))
                .signature();

        assertThatThrownBy(() -> kms.verify(r -> r.keyId(rsaKey)
                        .message(bytes("Booking 43 confirmed"))
                        .signature(signature)
                        .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)))
                .isInstanceOf(KmsInvalidSignatureException.class);
        assertThatThrownBy(() -> kms.verify(r -> r.keyId(ecKey)
                        .message(SdkBytes.fromByteArray(MESSAGE))
                        .signature(bytes("not DER"))
                        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)))
                .isInstanceOf(KmsInvalidSignatureException.class);
    }

    @Test
    void sign_withAlgorithmOfOtherKeyType_throwsInvalidKeyUsage() {
        assertThatThrownBy(() -> kms.sign(r -> r.keyId(ecKey)
                        .message(SdkBytes.fromByteArray(MESSAGE))
                        .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)))
                .isInstanceOf(InvalidKeyUsageException.class);
    }

    @Test
    void generateMac_thenVerifyMac_isValid() {
        var mac = kms.generateMac(r ->
                r.keyId(hmacKey).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(SdkBytes.fromByteArray(MESSAGE)));

        var result = kms.verifyMac(r -> r.keyId(hmacKey)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromByteArray(MESSAGE))
                .mac(mac.mac()));

        assertThat(mac.mac().asByteArray()).hasSize(32);
        assertThat(result.macValid()).isTrue();
        assertThat(result.keyId()).isEqualTo(arn(hmacKey));
    }

    @Test
    void verifyMac_ofTamperedMessage_throwsKmsInvalidMac() {
        var mac = kms.generateMac(r -> r.keyId(hmacKey)
                        .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                        .message(SdkBytes.fromByteArray(MESSAGE)))
                .mac();

        assertThatThrownBy(() -> kms.verifyMac(r -> r.keyId(hmacKey)
                        .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                        .message(bytes("Booking 43 confirmed"))
                        .mac(mac)))
                .isInstanceOf(KmsInvalidMacException.class);
    }

    @Test
    void generateMac_withOtherAlgorithmThanTheKeys_throwsInvalidKeyUsage() {
        assertThatThrownBy(() -> kms.generateMac(r -> r.keyId(hmacKey)
                        .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_512)
                        .message(SdkBytes.fromByteArray(MESSAGE))))
                .isInstanceOf(InvalidKeyUsageException.class);
    }

    @Test
    void encrypt_withSigningOrMacKey_throwsInvalidKeyUsage() {
        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(rsaKey).plaintext(bytes("x"))))
                .isInstanceOf(InvalidKeyUsageException.class);
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(hmacKey).keySpec(DataKeySpec.AES_256)))
                .isInstanceOf(InvalidKeyUsageException.class);
        assertThatThrownBy(() -> kms.sign(r -> r.keyId(symmetricKey)
                        .message(bytes("x"))
                        .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)))
                .isInstanceOf(InvalidKeyUsageException.class);
    }

    @Test
    void disableKey_thenUse_throwsDisabledUntilEnabledAgain() {
        var key = createKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
        var blob = kms.encrypt(r -> r.keyId(key).plaintext(bytes("x"))).ciphertextBlob();

        kms.disableKey(r -> r.keyId(key));

        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(key).plaintext(bytes("x"))))
                .isInstanceOf(DisabledException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob))).isInstanceOf(DisabledException.class);
        assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);

        kms.enableKey(r -> r.keyId(key));

        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String())
                .isEqualTo("x");
    }

    @Test
    void scheduleKeyDeletion_thenUse_throwsInvalidStateUntilCancelled() {
        var key = createKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);

        var scheduled = kms.scheduleKeyDeletion(r -> r.keyId(key).pendingWindowInDays(7));

        assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(scheduled.deletionDate()).isAfter(Instant.now().plus(Duration.ofDays(6)));
        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(key).plaintext(bytes("x"))))
                .isInstanceOf(KmsInvalidStateException.class);

        kms.cancelKeyDeletion(r -> r.keyId(key));

        assertThat(kms.describeKey(r -> r.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
    }

    @Test
    void getKeyRotationStatus_ofSymmetricKey_isNotEnabled() {
        assertThat(kms.getKeyRotationStatus(r -> r.keyId(symmetricKey)).keyRotationEnabled())
                .isFalse();
    }

    @Test
    void anyOperation_withUnknownKeyOrAlias_throwsNotFound() {
        var unknown = "6f1c1e1a-0000-4000-8000-000000000000";

        assertThatThrownBy(() -> kms.encrypt(r -> r.keyId(unknown).plaintext(bytes("x"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("alias/nothing-here")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("arn:aws:kms:eu-west-1:000000000000:key/" + unknown)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void handle_unknownOperation_answersUnsupportedOperation() {
        var response = localKms.handle("ImportKeyMaterial", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("\"__type\":\"UnsupportedOperationException\"");
    }

    @Test
    void handle_malformedJsonOrBase64_answersValidationException() {
        var notJson = localKms.handle("Encrypt", "{not json".getBytes(StandardCharsets.UTF_8));
        var notBase64 = localKms.handle(
                "Encrypt",
                ("{\"KeyId\":\"" + symmetricKey + "\",\"Plaintext\":\"%%%\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(new String(notJson.body(), StandardCharsets.UTF_8)).contains("ValidationException");
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(new String(notBase64.body(), StandardCharsets.UTF_8)).contains("ValidationException");
    }

    @Test
    void callCount_afterCalls_countsPerOperation() {
        var key = createKey(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
        localKms.resetCounts();

        kms.encrypt(r -> r.keyId(key).plaintext(bytes("a")));
        kms.encrypt(r -> r.keyId(key).plaintext(bytes("b")));
        kms.describeKey(r -> r.keyId(key));

        assertThat(localKms.callCount("Encrypt")).isEqualTo(2);
        assertThat(localKms.callCount("DescribeKey")).isEqualTo(1);
        assertThat(localKms.callCount("Decrypt")).isZero();
    }

    @Test
    void ensureKey_calledTwice_returnsSameKeyAndAliases() {
        var first = localKms.ensureKey(
                "BookingKey",
                "SYMMETRIC_DEFAULT",
                "ENCRYPT_DECRYPT",
                List.of("alias/safebook-bookings"),
                "Encrypts bookings");
        var second = localKms.ensureKey(
                "BookingKey",
                "SYMMETRIC_DEFAULT",
                "ENCRYPT_DECRYPT",
                List.of("alias/safebook-bookings"),
                "Encrypts bookings");
        var signing = localKms.ensureKey("TokenKey", "ECC_NIST_P256", "SIGN_VERIFY", List.of(), null);

        assertThat(second).isEqualTo(first);
        assertThat(first.arn()).isEqualTo(arn(first.keyId()));
        assertThat(signing.keyId()).isNotEqualTo(first.keyId());
        assertThat(kms.describeKey(r -> r.keyId("alias/safebook-bookings"))
                        .keyMetadata()
                        .keyId())
                .isEqualTo(first.keyId());
        assertThat(kms.describeKey(r -> r.keyId(signing.arn())).keyMetadata().keySpec())
                .isEqualTo(KeySpec.ECC_NIST_P256);
    }

    @Test
    void ensureKey_withUnsupportedSpecAndUsage_throwsIllegalArgument() {
        assertThatThrownBy(() -> localKms.ensureKey("Bad", "HMAC_256", "ENCRYPT_DECRYPT", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> localKms.ensureKey("Bad", "SYMMETRIC_DEFAULT", null, List.of("bookings"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kmsKey_toString_showsNoKeyMaterial() throws Exception {
        var key = KmsKey.generate(
                "6f1c1e1a-0000-4000-8000-000000000001",
                null,
                KmsKeySpec.HMAC_256,
                KmsKeyUsage.GENERATE_VERIFY_MAC,
                "",
                Instant.now(),
                new SecureRandom());
        var material = key.secret().getEncoded();

        assertThat(key.toString())
                .doesNotContain(Base64.getEncoder().encodeToString(material))
                .doesNotContain(HexFormat.of().formatHex(material));
    }

    @Test
    void encryptDecrypt_fromManyThreads_allRoundTrip() throws Exception {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            var plaintext = "message " + i;
            tasks.add(() -> {
                var blob = kms.encrypt(r -> r.keyId(symmetricKey)
                                .plaintext(bytes(plaintext))
                                .encryptionContext(Map.of("n", plaintext)))
                        .ciphertextBlob();
                return kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("n", plaintext)))
                        .plaintext()
                        .asUtf8String()
                        .equals(plaintext);
            });
        }
        var results = new HashSet<Boolean>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
        }

        assertThat(results).containsExactly(true);
    }

    private String createKey(KeySpec spec, KeyUsageType usage) {
        return kms.createKey(r -> r.keySpec(spec).keyUsage(usage).description("test key"))
                .keyMetadata()
                .keyId();
    }

    private static String arn(String keyId) {
        return "arn:aws:kms:us-east-1:000000000000:key/" + keyId;
    }

    private static SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }
}
