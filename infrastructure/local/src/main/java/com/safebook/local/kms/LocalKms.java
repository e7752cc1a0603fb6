package com.safebook.local.kms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.safebook.local.aws.AwsJsonResponse;
import com.safebook.local.aws.AwsJsonService;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for AWS KMS that answers the KMS JSON 1.1 protocol ({@code X-Amz-Target: TrentService.*}),
 * so that the AWS SDK's {@code KmsClient} and the {@code aws kms} CLI work against it unchanged. The
 * cryptography is real (JDK JCE): AES-256-GCM with the encryption context as additional authenticated
 * data, RSA and ECDSA signatures, HMAC. There is one local principal, so key policies, grants and tags are
 * accepted where KMS takes them but not enforced, and keys pending deletion are never actually deleted.
 *
 * <p>The endpoint passes each request's operation and body to {@link #handle} and answers with the
 * returned status and body, content type {@code application/x-amz-json-1.1}. Thread-safe.
 */
public final class LocalKms implements AwsJsonService {
    public static final String TARGET_PREFIX = "TrentService";

    private static final Logger LOG = LoggerFactory.getLogger(LocalKms.class);
    private static final int MAX_PLAINTEXT_BYTES = 4096;
    private static final int MAX_CIPHERTEXT_BYTES = 6144;
    private static final int MAX_MESSAGE_BYTES = 4096;
    private static final int MAX_SIGNATURE_BYTES = 6144;
    private static final int MAX_MAC_BYTES = 6144;
    private static final int MAX_DATA_KEY_BYTES = 1024;
    private static final int MAX_DESCRIPTION_LENGTH = 8192;
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    private static final Set<String> ASYMMETRIC_ENCRYPTION_ALGORITHMS =
            Set.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE");
    /** Operations that take {@code DryRun}: they do all checks, then answer DryRunOperationException. */
    private static final Set<String> DRY_RUN_OPERATIONS = Set.of(
            "Encrypt",
            "Decrypt",
            "ReEncrypt",
            "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext",
            "Sign",
            "Verify",
            "GenerateMac",
            "VerifyMac");

    private static final Pattern ALIAS_NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    @FunctionalInterface
    private interface Operation {
        ObjectNode apply(KmsRequest request) throws GeneralSecurityException;
    }

    private final String region;
    private final String accountId;
    private final String arnPrefix;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final KmsKeyStore store;
    private final KmsFaults faults = new KmsFaults();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Operation> operations;

    /**
     * @param region the region in key ARNs, such as {@code us-east-1}
     * @param accountId the 12-digit account in key ARNs
     * @param dataDirectory where keys persist ({@code <dataDir>/kms/keys.json}); empty keeps them in memory
     */
    public LocalKms(String region, String accountId, Optional<Path> dataDirectory) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("Not a region: " + region);
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("Not a 12-digit account id: " + accountId);
        }
        this.region = region;
        this.accountId = accountId;
        this.arnPrefix = "arn:aws:kms:" + region + ":" + accountId + ":";
        this.store = new KmsKeyStore(Objects.requireNonNull(dataDirectory), json);
        this.operations = Map.ofEntries(
                Map.entry("CreateKey", this::createKey),
                Map.entry("DescribeKey", this::describeKey),
                Map.entry("ListKeys", this::listKeys),
                Map.entry("UpdateKeyDescription", this::updateKeyDescription),
                Map.entry("EnableKey", this::enableKey),
                Map.entry("DisableKey", this::disableKey),
                Map.entry("ScheduleKeyDeletion", this::scheduleKeyDeletion),
                Map.entry("CancelKeyDeletion", this::cancelKeyDeletion),
                Map.entry("GetKeyRotationStatus", this::getKeyRotationStatus),
                Map.entry("CreateAlias", this::createAlias),
                Map.entry("UpdateAlias", this::updateAlias),
                Map.entry("DeleteAlias", this::deleteAlias),
                Map.entry("ListAliases", this::listAliases),
                Map.entry("Encrypt", this::encrypt),
                Map.entry("Decrypt", this::decrypt),
                Map.entry("ReEncrypt", this::reEncrypt),
                Map.entry("GenerateDataKey", request -> generateDataKey(request, true)),
                Map.entry("GenerateDataKeyWithoutPlaintext", request -> generateDataKey(request, false)),
                Map.entry("GenerateRandom", this::generateRandom),
                Map.entry("GenerateMac", this::generateMac),
                Map.entry("VerifyMac", this::verifyMac),
                Map.entry("Sign", this::sign),
                Map.entry("Verify", this::verify),
                Map.entry("GetPublicKey", this::getPublicKey));
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public AwsJsonResponse handle(String operation, byte[] body) {
        var handler = operation == null ? null : operations.get(operation);
        if (handler == null) {
            return AwsJsonResponse.error(
                    400,
                    "UnsupportedOperationException",
                    "The local KMS does not support the operation " + abbreviate(operation));
        }
        // Counted before faults: a throttled call still reached KMS.
        calls.computeIfAbsent(operation, name -> new LongAdder()).increment();
        var fault = faults.nextFault();
        if (fault.isPresent()) {
            return AwsJsonResponse.error(
                    fault.get().status(), fault.get().errorType(), fault.get().message());
        }
        try {
            var request = KmsRequest.parse(json, body);
            var result = handler.apply(request);
            if (DRY_RUN_OPERATIONS.contains(operation) && request.flag("DryRun")) {
                throw new KmsException(
                        412,
                        "DryRunOperationException",
                        "The request would have succeeded, but the DryRun parameter was set.");
            }
            return AwsJsonResponse.ok(json.writeValueAsBytes(result));
        } catch (KmsException e) {
            return AwsJsonResponse.error(e.status(), e.type(), e.getMessage());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // JCE and I/O exceptions carry no key material or plaintext, so they may be logged whole.
            LOG.error("Local KMS failed in {}", operation, e);
            return AwsJsonResponse.error(500, "KMSInternalException", "The local KMS failed; see its log.");
        }
    }

    /** The faults this KMS injects into calls, for tests of how callers cope with KMS failing. */
    public KmsFaults faults() {
        return faults;
    }

    /** How many calls of {@code operation} (such as {@code Decrypt}) arrived, injected failures included. */
    public long callCount(String operation) {
        var counter = calls.get(operation);
        return counter == null ? 0 : counter.sum();
    }

    public void resetCounts() {
        calls.clear();
    }

    /**
     * The key of the template's {@code AWS::KMS::Key} resource {@code logicalId}, created on first call and
     * found again afterwards (also after a restart on the same data directory), with {@code aliases}
     * pointing at it. If the template changed the key's spec or usage, a new key is made, as CloudFormation
     * replaces it; the old key stays, so that what it encrypted can still be decrypted.
     *
     * @param keySpec such as {@code SYMMETRIC_DEFAULT} or {@code ECC_NIST_P256}; null for SYMMETRIC_DEFAULT
     * @param keyUsage such as {@code SIGN_VERIFY}; null for ENCRYPT_DECRYPT
     * @param aliases full alias names ({@code alias/...}); may be empty
     */
    public synchronized KmsKeyReference ensureKey(
            String logicalId, String keySpec, String keyUsage, List<String> aliases, String description) {
        if (logicalId == null || logicalId.isBlank()) {
            throw new IllegalArgumentException("A logical id is needed");
        }
        var spec = keySpec == null ? KmsKeySpec.SYMMETRIC_DEFAULT : parseName(KmsKeySpec.class, keySpec);
        var usage = keyUsage == null ? KmsKeyUsage.ENCRYPT_DECRYPT : parseName(KmsKeyUsage.class, keyUsage);
        if (!spec.supports(usage)) {
            throw new IllegalArgumentException(unsupportedCombination(spec, usage));
        }
        var aliasNames = aliases == null ? List.<String>of() : List.copyOf(aliases);
        for (var alias : aliasNames) {
            try {
                requireAliasName(alias);
            } catch (KmsException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        var wantedDescription = description == null ? "" : description;
        var now = Instant.now();
        var current = store.keyWithLogicalId(logicalId);
        KmsKey key;
        if (current.isPresent() && current.get().spec() == spec && current.get().usage() == usage) {
            key = current.get();
            if (!key.description().equals(wantedDescription)) {
                key = store.updateKey(key.id(), k -> k.withDescription(wantedDescription));
            }
        } else {
            current.ifPresent(old -> store.updateKey(old.id(), k -> k.withLogicalId(null)));
            try {
                key = KmsKey.generate(
                        UUID.randomUUID().toString(), logicalId, spec, usage, wantedDescription, now, random);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot generate a " + spec + " key", e);
            }
            store.addKey(key);
        }
        for (var alias : aliasNames) {
            store.setAlias(alias, key.id(), now);
        }
        return new KmsKeyReference(key.id(), arn(key));
    }

    // Key management

    private ObjectNode createKey(KmsRequest request) throws GeneralSecurityException {
        var description = request.optionalString("Description").orElse("");
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw KmsException.validation("Description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        var usage = request.optionalEnum("KeyUsage", KmsKeyUsage.class).orElse(KmsKeyUsage.ENCRYPT_DECRYPT);
        var spec = request.optionalEnum("KeySpec", KmsKeySpec.class)
                .or(() -> request.optionalEnum("CustomerMasterKeySpec", KmsKeySpec.class))
                .orElse(KmsKeySpec.SYMMETRIC_DEFAULT);
        var origin = request.optionalString("Origin").orElse("AWS_KMS");
        if (!origin.equals("AWS_KMS")) {
            throw KmsException.unsupported("The local KMS only creates keys with Origin AWS_KMS");
        }
        if (request.flag("MultiRegion")) {
            throw KmsException.unsupported("The local KMS does not create multi-Region keys");
        }
        if (!spec.supports(usage)) {
            throw KmsException.validation(unsupportedCombination(spec, usage));
        }
        var key = KmsKey.generate(UUID.randomUUID().toString(), null, spec, usage, description, Instant.now(), random);
        store.addKey(key);
        return json.createObjectNode().set("KeyMetadata", metadata(key));
    }

    private ObjectNode describeKey(KmsRequest request) {
        var key = resolve(request.requiredString("KeyId"));
        return json.createObjectNode().set("KeyMetadata", metadata(key));
    }

    private ObjectNode listKeys(KmsRequest request) {
        var all = store.keys();
        int limit = request.optionalInt("Limit", 1, 1000).orElse(DEFAULT_PAGE_SIZE);
        int start = marker(request, all.size());
        int end = Math.min(all.size(), start + limit);
        var result = json.createObjectNode();
        var array = result.putArray("Keys");
        for (var key : all.subList(start, end)) {
            array.addObject().put("KeyId", key.id()).put("KeyArn", arn(key));
        }
        return page(result, end, all.size());
    }

    private ObjectNode updateKeyDescription(KmsRequest request) {
        var key = resolve(request.requiredString("KeyId"));
        var description = request.optionalString("Description")
                .orElseThrow(() -> KmsException.validation("Description is required"));
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw KmsException.validation("Description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        store.updateKey(key.id(), k -> requireNotPendingDeletion(k).withDescription(description));
        return json.createObjectNode();
    }

    private ObjectNode enableKey(KmsRequest request) {
        var key = resolve(request.requiredString("KeyId"));
        store.updateKey(key.id(), k -> requireNotPendingDeletion(k).withState(KmsKeyState.ENABLED, null));
        return json.createObjectNode();
    }

    private ObjectNode disableKey(KmsRequest request) {
        var key = resolve(request.requiredString("KeyId"));
        store.updateKey(key.id(), k -> requireNotPendingDeletion(k).withState(KmsKeyState.DISABLED, null));
        return json.createObjectNode();
    }

    private ObjectNode scheduleKeyDeletion(KmsRequest request) {
        var key = resolve(request.requiredString("KeyId"));
        int days = request.optionalInt("PendingWindowInDays", 7, 30).orElse(30);
        var deletionDate = Instant.now().plus(days, ChronoUnit.DAYS);
        var scheduled = store.updateKey(
                key.id(), k -> requireNotPendingDeletion(k).withState(KmsKeyState.PENDING_DELETION, deletionDate));
        return json.createObjectNode()
                .put("KeyId", arn(scheduled))
                .put("DeletionDate", timestamp(deletionDate))
                .put("KeyState", scheduled.state().wireName())
                .put("PendingWindowInDays", days);
    }

    private ObjectNode cancelKeyDeletion(KmsRequest request) {
        var key = resolve(request.requiredString("KeyId"));
        var cancelled = store.updateKey(key.id(), k -> {
            if (k.state() != KmsKeyState.PENDING_DELETION) {
                throw KmsException.invalidState(arn(k) + " is not pending deletion.");
            }
            // As in KMS, a key saved from deletion comes back disabled.
            return k.withState(KmsKeyState.DISABLED, null);
        });
        return json.createObjectNode().put("KeyId", arn(cancelled));
    }

    private ObjectNode getKeyRotationStatus(KmsRequest request) {
        var key = requireNotPendingDeletion(resolve(request.requiredString("KeyId")));
        if (key.spec() != KmsKeySpec.SYMMETRIC_DEFAULT) {
            throw KmsException.unsupported(arn(key) + " does not support automatic key rotation.");
        }
        return json.createObjectNode().put("KeyRotationEnabled", false).put("KeyId", arn(key));
    }

    // Aliases

    private ObjectNode createAlias(KmsRequest request) {
        var name = requireAliasName(request.requiredString("AliasName"));
        var key = requireNotPendingDeletion(resolveTarget(request.requiredString("TargetKeyId")));
        var now = Instant.now();
        store.createAlias(new KmsAlias(name, key.id(), now, now));
        return json.createObjectNode();
    }

    private ObjectNode updateAlias(KmsRequest request) {
        var name = requireAliasName(request.requiredString("AliasName"));
        var key = requireNotPendingDeletion(resolveTarget(request.requiredString("TargetKeyId")));
        var current = store.alias(name)
                .orElseThrow(() -> KmsException.notFound("Alias " + aliasArn(name) + " is not found."));
        store.key(current.targetKeyId()).ifPresent(old -> {
            if (old.usage() != key.usage() || old.spec().family() != key.spec().family()) {
                throw KmsException.validation(
                        "The new target key of " + name + " must be of the same type and key usage as the current one");
            }
        });
        store.updateAlias(name, key.id(), Instant.now());
        return json.createObjectNode();
    }

    private ObjectNode deleteAlias(KmsRequest request) {
        var name = requireAliasName(request.requiredString("AliasName"));
        store.deleteAlias(name);
        return json.createObjectNode();
    }

    private ObjectNode listAliases(KmsRequest request) {
        var target = request.optionalString("KeyId").map(id -> resolveTarget(id).id());
        var all = store.aliases().stream()
                .filter(alias -> target.isEmpty() || target.get().equals(alias.targetKeyId()))
                .toList();
        int limit = request.optionalInt("Limit", 1, 100).orElse(50);
        int start = marker(request, all.size());
        int end = Math.min(all.size(), start + limit);
        var result = json.createObjectNode();
        var array = result.putArray("Aliases");
        for (var alias : all.subList(start, end)) {
            array.addObject()
                    .put("AliasName", alias.name())
                    .put("AliasArn", aliasArn(alias.name()))
                    .put("TargetKeyId", alias.targetKeyId())
                    .put("CreationDate", timestamp(alias.creationDate()))
                    .put("LastUpdatedDate", timestamp(alias.lastUpdatedDate()));
        }
        return page(result, end, all.size());
    }

    // Symmetric encryption

    private ObjectNode encrypt(KmsRequest request) throws GeneralSecurityException {
        var key = usableKey(request.requiredString("KeyId"), KmsKeyUsage.ENCRYPT_DECRYPT);
        requireSymmetricAlgorithm(request, "EncryptionAlgorithm");
        var plaintext = request.requiredBlob("Plaintext", 1, MAX_PLAINTEXT_BYTES);
        var context = request.encryptionContext("EncryptionContext");
        var blob = KmsCiphertextFormat.encrypt(key, plaintext, context, random);
        return json.createObjectNode()
                .put("CiphertextBlob", blob)
                .put("KeyId", arn(key))
                .put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
    }

    private ObjectNode decrypt(KmsRequest request) throws GeneralSecurityException {
        var blob = request.requiredBlob("CiphertextBlob", 1, MAX_CIPHERTEXT_BYTES);
        var context = request.encryptionContext("EncryptionContext");
        requireSymmetricAlgorithm(request, "EncryptionAlgorithm");
        var key = keyOfCiphertext(blob, request.optionalString("KeyId"));
        var plaintext = KmsCiphertextFormat.decrypt(key, blob, context);
        return json.createObjectNode()
                .put("KeyId", arn(key))
                .put("Plaintext", plaintext)
                .put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
    }

    private ObjectNode reEncrypt(KmsRequest request) throws GeneralSecurityException {
        var blob = request.requiredBlob("CiphertextBlob", 1, MAX_CIPHERTEXT_BYTES);
        var sourceContext = request.encryptionContext("SourceEncryptionContext");
        var destinationContext = request.encryptionContext("DestinationEncryptionContext");
        requireSymmetricAlgorithm(request, "SourceEncryptionAlgorithm");
        requireSymmetricAlgorithm(request, "DestinationEncryptionAlgorithm");
        var destination = usableKey(request.requiredString("DestinationKeyId"), KmsKeyUsage.ENCRYPT_DECRYPT);
        var source = keyOfCiphertext(blob, request.optionalString("SourceKeyId"));
        var plaintext = KmsCiphertextFormat.decrypt(source, blob, sourceContext);
        var reencrypted = KmsCiphertextFormat.encrypt(destination, plaintext, destinationContext, random);
        return json.createObjectNode()
                .put("CiphertextBlob", reencrypted)
                .put("SourceKeyId", arn(source))
                .put("KeyId", arn(destination))
                .put("SourceEncryptionAlgorithm", SYMMETRIC_DEFAULT)
                .put("DestinationEncryptionAlgorithm", SYMMETRIC_DEFAULT);
    }

    private ObjectNode generateDataKey(KmsRequest request, boolean withPlaintext) throws GeneralSecurityException {
        var key = usableKey(request.requiredString("KeyId"), KmsKeyUsage.ENCRYPT_DECRYPT);
        var context = request.encryptionContext("EncryptionContext");
        var keySpec = request.optionalString("KeySpec");
        var numberOfBytes = request.optionalInt("NumberOfBytes", 1, MAX_DATA_KEY_BYTES);
        if (keySpec.isPresent() == numberOfBytes.isPresent()) {
            throw KmsException.validation("Please specify either KeySpec or NumberOfBytes, not both");
        }
        int length = numberOfBytes.orElseGet(() -> switch (keySpec.get()) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default ->
                throw KmsException.validation("Value at 'keySpec' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [AES_256, AES_128]");
        });
        var dataKey = new byte[length];
        random.nextBytes(dataKey);
        var result = json.createObjectNode()
                .put("CiphertextBlob", KmsCiphertextFormat.encrypt(key, dataKey, context, random))
                .put("KeyId", arn(key));
        if (withPlaintext) {
            result.put("Plaintext", dataKey);
        }
        return result;
    }

    private ObjectNode generateRandom(KmsRequest request) {
        int length = request.optionalInt("NumberOfBytes", 1, MAX_DATA_KEY_BYTES)
                .orElseThrow(() -> KmsException.validation("NumberOfBytes is required"));
        var bytes = new byte[length];
        random.nextBytes(bytes);
        return json.createObjectNode().put("Plaintext", bytes);
    }

    // MACs and signatures

    private ObjectNode generateMac(KmsRequest request) throws GeneralSecurityException {
        var key = usableKey(request.requiredString("KeyId"), KmsKeyUsage.GENERATE_VERIFY_MAC);
        var algorithm = macAlgorithm(request, key);
        var message = request.requiredBlob("Message", 1, MAX_MESSAGE_BYTES);
        return json.createObjectNode()
                .put("Mac", algorithm.mac(key.secret(), message))
                .put("MacAlgorithm", algorithm.name())
                .put("KeyId", arn(key));
    }

    private ObjectNode verifyMac(KmsRequest request) throws GeneralSecurityException {
        var key = usableKey(request.requiredString("KeyId"), KmsKeyUsage.GENERATE_VERIFY_MAC);
        var algorithm = macAlgorithm(request, key);
        var message = request.requiredBlob("Message", 1, MAX_MESSAGE_BYTES);
        var mac = request.requiredBlob("Mac", 1, MAX_MAC_BYTES);
        if (!algorithm.verify(key.secret(), message, mac)) {
            throw new KmsException(400, "KMSInvalidMacException", "The MAC is not valid for this message and key.");
        }
        return json.createObjectNode()
                .put("KeyId", arn(key))
                .put("MacValid", true)
                .put("MacAlgorithm", algorithm.name());
    }

    private ObjectNode sign(KmsRequest request) throws GeneralSecurityException {
        var key = usableKey(request.requiredString("KeyId"), KmsKeyUsage.SIGN_VERIFY);
        var algorithm = signingAlgorithm(request, key);
        var type = messageType(request);
        var message = signingMessage(request, algorithm, type);
        return json.createObjectNode()
                .put("KeyId", arn(key))
                .put("Signature", algorithm.sign(key.privateKey(), message, type, random))
                .put("SigningAlgorithm", algorithm.name());
    }

    private ObjectNode verify(KmsRequest request) throws GeneralSecurityException {
        var key = usableKey(request.requiredString("KeyId"), KmsKeyUsage.SIGN_VERIFY);
        var algorithm = signingAlgorithm(request, key);
        var type = messageType(request);
        var message = signingMessage(request, algorithm, type);
        var signature = request.requiredBlob("Signature", 1, MAX_SIGNATURE_BYTES);
        if (!algorithm.verify(key.publicKey(), message, type, signature)) {
            throw new KmsException(400, "KMSInvalidSignatureException", "The signature is not valid.");
        }
        return json.createObjectNode()
                .put("KeyId", arn(key))
                .put("SignatureValid", true)
                .put("SigningAlgorithm", algorithm.name());
    }

    private ObjectNode getPublicKey(KmsRequest request) {
        var key = resolve(request.requiredString("KeyId"));
        requireUsable(key, key.usage());
        if (!key.spec().isAsymmetric()) {
            throw KmsException.unsupported(arn(key) + " is not an asymmetric key and has no public key.");
        }
        var result = json.createObjectNode()
                .put("KeyId", arn(key))
                // X.509 SubjectPublicKeyInfo (DER), as KMS returns it.
                .put("PublicKey", key.publicKey().getEncoded())
                .put("CustomerMasterKeySpec", key.spec().name())
                .put("KeySpec", key.spec().name())
                .put("KeyUsage", key.usage().name());
        var algorithms = result.putArray("SigningAlgorithms");
        key.spec().signingAlgorithms().forEach(a -> algorithms.add(a.name()));
        return result;
    }

    private KmsMacAlgorithm macAlgorithm(KmsRequest request, KmsKey key) {
        var algorithm = request.requiredEnum("MacAlgorithm", KmsMacAlgorithm.class);
        if (algorithm.keySpec() != key.spec()) {
            throw KmsException.invalidKeyUsage(
                    "MacAlgorithm " + algorithm + " is not compatible with " + arn(key) + " (" + key.spec() + ").");
        }
        return algorithm;
    }

    private KmsSigningAlgorithm signingAlgorithm(KmsRequest request, KmsKey key) {
        var algorithm = request.requiredEnum("SigningAlgorithm", KmsSigningAlgorithm.class);
        if (!algorithm.supports(key.spec())) {
            throw KmsException.invalidKeyUsage(
                    "SigningAlgorithm " + algorithm + " is not compatible with " + arn(key) + " (" + key.spec() + ").");
        }
        return algorithm;
    }

    private static KmsSigningAlgorithm.MessageType messageType(KmsRequest request) {
        return request.optionalEnum("MessageType", KmsSigningAlgorithm.MessageType.class)
                .orElse(KmsSigningAlgorithm.MessageType.RAW);
    }

    private static byte[] signingMessage(
            KmsRequest request, KmsSigningAlgorithm algorithm, KmsSigningAlgorithm.MessageType type)
            throws GeneralSecurityException {
        var message = request.requiredBlob("Message", 1, MAX_MESSAGE_BYTES);
        if (type == KmsSigningAlgorithm.MessageType.DIGEST && message.length != algorithm.digestLength()) {
            throw KmsException.validation("Digest is invalid length for algorithm " + algorithm + ".");
        }
        return message;
    }

    // Key resolution and checks

    /** The key named by a key id, key ARN, alias name or alias ARN. */
    private KmsKey resolve(String keyId) {
        String id = keyId;
        String aliasName = null;
        if (keyId.startsWith("alias/")) {
            aliasName = keyId;
        } else if (keyId.startsWith("arn:")) {
            if (!keyId.startsWith(arnPrefix)) {
                throw KmsException.notFound("Invalid keyId '" + abbreviate(keyId) + "'");
            }
            var resource = keyId.substring(arnPrefix.length());
            if (resource.startsWith("key/")) {
                id = resource.substring("key/".length());
            } else if (resource.startsWith("alias/")) {
                aliasName = resource;
            } else {
                throw KmsException.notFound("Invalid keyId '" + abbreviate(keyId) + "'");
            }
        }
        if (aliasName != null) {
            var name = aliasName;
            id = store.alias(name)
                    .map(KmsAlias::targetKeyId)
                    .orElseThrow(() -> KmsException.notFound("Alias " + aliasArn(name) + " is not found."));
        }
        var keyIdOnly = id;
        return store.key(id)
                .orElseThrow(() -> KmsException.notFound(
                        "Key '" + arnPrefix + "key/" + abbreviate(keyIdOnly) + "' does not exist"));
    }

    /** A key named by id or key ARN only, as alias targets and filters must be. */
    private KmsKey resolveTarget(String keyId) {
        if (keyId.startsWith("alias/") || keyId.startsWith(arnPrefix + "alias/")) {
            throw KmsException.validation("An alias cannot name the target key; use its key id or key ARN");
        }
        return resolve(keyId);
    }

    private KmsKey usableKey(String keyId, KmsKeyUsage usage) {
        var key = resolve(keyId);
        requireUsable(key, usage);
        return key;
    }

    private void requireUsable(KmsKey key, KmsKeyUsage usage) {
        switch (key.state()) {
            case DISABLED -> throw new KmsException(400, "DisabledException", arn(key) + " is disabled.");
            case PENDING_DELETION -> throw KmsException.invalidState(arn(key) + " is pending deletion.");
            case ENABLED -> {
                // usable
            }
        }
        if (key.usage() != usage) {
            throw KmsException.invalidKeyUsage(
                    "The KeyUsage of " + arn(key) + " is " + key.usage() + ", which does not allow this operation.");
        }
    }

    private KmsKey requireNotPendingDeletion(KmsKey key) {
        if (key.state() == KmsKeyState.PENDING_DELETION) {
            throw KmsException.invalidState(arn(key) + " is pending deletion.");
        }
        return key;
    }

    /**
     * The key a ciphertext was made with: the blob names it; a KeyId given as well must name the same key,
     * as KMS requires.
     */
    private KmsKey keyOfCiphertext(byte[] blob, Optional<String> requestedKeyId) {
        var blobKeyId = KmsCiphertextFormat.keyId(blob);
        KmsKey key;
        if (requestedKeyId.isPresent()) {
            key = resolve(requestedKeyId.get());
            if (!key.id().equals(blobKeyId)) {
                throw new KmsException(
                        400,
                        "IncorrectKeyException",
                        "The key ID in the request does not identify" + " the KMS key that encrypted the ciphertext.");
            }
        } else {
            key = store.key(blobKeyId).orElseThrow(KmsException::invalidCiphertext);
        }
        requireUsable(key, KmsKeyUsage.ENCRYPT_DECRYPT);
        return key;
    }

    private static void requireSymmetricAlgorithm(KmsRequest request, String field) {
        request.optionalString(field).ifPresent(algorithm -> {
            if (ASYMMETRIC_ENCRYPTION_ALGORITHMS.contains(algorithm)) {
                throw KmsException.invalidKeyUsage(field + " " + algorithm + " needs an asymmetric key; the local KMS"
                        + " encrypts with symmetric keys only.");
            }
            if (!algorithm.equals(SYMMETRIC_DEFAULT)) {
                throw KmsException.validation("Value at '" + field + "' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]");
            }
        });
    }

    private static String requireAliasName(String name) {
        if (name == null || !ALIAS_NAME.matcher(name).matches()) {
            throw new KmsException(
                    400,
                    "InvalidAliasNameException",
                    "Alias names must begin with alias/ followed" + " by letters, digits, /, _ or -.");
        }
        if (name.startsWith("alias/aws/")) {
            throw new KmsException(
                    400,
                    "InvalidAliasNameException",
                    "The alias prefix alias/aws/ is reserved" + " for AWS managed keys.");
        }
        return name;
    }

    // Wire shapes

    private ObjectNode metadata(KmsKey key) {
        var node = json.createObjectNode()
                .put("AWSAccountId", accountId)
                .put("KeyId", key.id())
                .put("Arn", arn(key))
                .put("CreationDate", timestamp(key.creationDate()))
                .put("Enabled", key.state() == KmsKeyState.ENABLED)
                .put("Description", key.description())
                .put("KeyUsage", key.usage().name())
                .put("KeyState", key.state().wireName())
                .put("Origin", "AWS_KMS")
                .put("KeyManager", "CUSTOMER")
                .put("CustomerMasterKeySpec", key.spec().name())
                .put("KeySpec", key.spec().name())
                .put("MultiRegion", false);
        if (key.deletionDate() != null) {
            node.put("DeletionDate", timestamp(key.deletionDate()));
        }
        switch (key.usage()) {
            case ENCRYPT_DECRYPT -> node.putArray("EncryptionAlgorithms").add(SYMMETRIC_DEFAULT);
            case SIGN_VERIFY -> {
                var algorithms = node.putArray("SigningAlgorithms");
                key.spec().signingAlgorithms().forEach(a -> algorithms.add(a.name()));
            }
            case GENERATE_VERIFY_MAC -> {
                var algorithms = node.putArray("MacAlgorithms");
                key.spec().macAlgorithms().forEach(a -> algorithms.add(a.name()));
            }
            case KEY_AGREEMENT -> {
                // never created here
            }
        }
        return node;
    }

    /** Paging as KMS does it: an opaque marker (here the offset) while more entries follow. */
    private static int marker(KmsRequest request, int size) {
        var marker = request.optionalString("Marker");
        if (marker.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(marker.get());
            if (offset >= 0 && offset <= size) {
                return offset;
            }
        } catch (NumberFormatException notOurs) {
            // falls through to the error below
        }
        throw new KmsException(400, "InvalidMarkerException", "The marker is not valid.");
    }

    private static ObjectNode page(ObjectNode result, int end, int size) {
        boolean truncated = end < size;
        result.put("Truncated", truncated);
        if (truncated) {
            result.put("NextMarker", Integer.toString(end));
        }
        return result;
    }

    /** Epoch seconds with milliseconds, the timestamp format of the AWS JSON protocols. */
    private static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private String arn(KmsKey key) {
        return arnPrefix + "key/" + key.id();
    }

    private String aliasArn(String aliasName) {
        return arnPrefix + aliasName;
    }

    private static String unsupportedCombination(KmsKeySpec spec, KmsKeyUsage usage) {
        return "KeySpec " + spec + " with KeyUsage " + usage + " is not supported by the local KMS";
    }

    private static <E extends Enum<E>> E parseName(Class<E> type, String name) {
        for (var constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("Unknown " + type.getSimpleName() + " " + name);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    @Override
    public String toString() {
        return "LocalKms[" + region + ", " + accountId + "]";
    }
}
