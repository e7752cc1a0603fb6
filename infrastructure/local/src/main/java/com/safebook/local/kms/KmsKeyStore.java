package com.safebook.local.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The keys and aliases of the local KMS, in memory and, given a data directory, in
 * {@code <dataDir>/kms/keys.json}. That file holds key material, so it is readable by its owner only (0600
 * in a 0700 directory) and replaced atomically: a crash leaves the old file or the new one, never half.
 * Reads are lock-free; changes are serialised and written before they become visible.
 */
final class KmsKeyStore {
    private static final int FORMAT_VERSION = 1;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final ObjectMapper json;
    private final Path file;
    private final Map<String, KmsKey> keys = new ConcurrentHashMap<>();
    private final Map<String, KmsAlias> aliases = new ConcurrentHashMap<>();

    /** An empty store in memory, or the store of {@code dataDirectory}, created if absent. */
    KmsKeyStore(Optional<Path> dataDirectory, ObjectMapper json) {
        this.json = json;
        this.file = dataDirectory
                .map(dir -> dir.resolve("kms").resolve("keys.json"))
                .orElse(null);
        if (file != null) {
            load();
        }
    }

    Optional<KmsKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    Optional<KmsAlias> alias(String name) {
        return Optional.ofNullable(aliases.get(name));
    }

    Optional<KmsKey> keyWithLogicalId(String logicalId) {
        return keys.values().stream()
                .filter(k -> logicalId.equals(k.logicalId()))
                .findFirst();
    }

    /** All keys, oldest first, so that paging is stable. */
    List<KmsKey> keys() {
        return keys.values().stream()
                .sorted(Comparator.comparing(KmsKey::creationDate).thenComparing(KmsKey::id))
                .toList();
    }

    /** All aliases by name. */
    List<KmsAlias> aliases() {
        return aliases.values().stream()
                .sorted(Comparator.comparing(KmsAlias::name))
                .toList();
    }

    synchronized void addKey(KmsKey key) {
        var next = new HashMap<>(keys);
        next.put(key.id(), key);
        save(next, aliases);
        keys.put(key.id(), key);
    }

    /** Replaces key {@code id} by {@code change} of it; the change may refuse by throwing. */
    synchronized KmsKey updateKey(String id, UnaryOperator<KmsKey> change) {
        var current = keys.get(id);
        if (current == null) {
            throw KmsException.notFound("Key '" + id + "' does not exist");
        }
        var changed = change.apply(current);
        var next = new HashMap<>(keys);
        next.put(id, changed);
        save(next, aliases);
        keys.put(id, changed);
        return changed;
    }

    synchronized void createAlias(KmsAlias alias) {
        if (aliases.containsKey(alias.name())) {
            throw new KmsException(
                    400, "AlreadyExistsException", "An alias with the name " + alias.name() + " already exists");
        }
        putAlias(alias);
    }

    /** Points alias {@code name} at {@code keyId}, creating the alias if needed. */
    synchronized void setAlias(String name, String keyId, Instant now) {
        var current = aliases.get(name);
        if (current == null) {
            putAlias(new KmsAlias(name, keyId, now, now));
        } else if (!current.targetKeyId().equals(keyId)) {
            putAlias(current.retarget(keyId, now));
        }
    }

    synchronized void updateAlias(String name, String keyId, Instant now) {
        var current = aliases.get(name);
        if (current == null) {
            throw KmsException.notFound("Alias " + name + " is not found.");
        }
        putAlias(current.retarget(keyId, now));
    }

    synchronized void deleteAlias(String name) {
        if (!aliases.containsKey(name)) {
            throw KmsException.notFound("Alias " + name + " is not found.");
        }
        var next = new HashMap<>(aliases);
        next.remove(name);
        save(keys, next);
        aliases.remove(name);
    }

    private void putAlias(KmsAlias alias) {
        var next = new HashMap<>(aliases);
        next.put(alias.name(), alias);
        save(keys, next);
        aliases.put(alias.name(), alias);
    }

    private void load() {
        try {
            createPrivateDirectory(file.getParent());
            if (!Files.exists(file)) {
                return;
            }
            restrictToOwner(file, OWNER_FILE);
            var root = json.readTree(file.toFile());
            if (root.path("version").asInt() != FORMAT_VERSION) {
                throw new IllegalStateException("Unknown format of " + file);
            }
            for (var node : root.path("keys")) {
                var key = keyFromJson(node);
                keys.put(key.id(), key);
            }
            for (var node : root.path("aliases")) {
                var alias = new KmsAlias(
                        node.path("name").asText(),
                        node.path("targetKeyId").asText(),
                        Instant.parse(node.path("creationDate").asText()),
                        Instant.parse(node.path("lastUpdatedDate").asText()));
                aliases.put(alias.name(), alias);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the local KMS keys from " + file, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the local KMS keys from " + file, e);
        }
    }

    private void save(Map<String, KmsKey> nextKeys, Map<String, KmsAlias> nextAliases) {
        if (file == null) {
            return;
        }
        var root = json.createObjectNode();
        root.put("version", FORMAT_VERSION);
        var keyArray = root.putArray("keys");
        nextKeys.values().stream()
                .sorted(Comparator.comparing(KmsKey::creationDate).thenComparing(KmsKey::id))
                .forEach(key -> keyArray.add(keyToJson(key)));
        var aliasArray = root.putArray("aliases");
        nextAliases.values().stream()
                .sorted(Comparator.comparing(KmsAlias::name))
                .forEach(alias -> aliasArray
                        .addObject()
                        .put("name", alias.name())
                        .put("targetKeyId", alias.targetKeyId())
                        .put("creationDate", alias.creationDate().toString())
                        .put("lastUpdatedDate", alias.lastUpdatedDate().toString()));
        try {
            writeAtomically(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the local KMS keys to " + file, e);
        }
    }

    private void writeAtomically(byte[] content) throws IOException {
        var directory = file.getParent();
        createPrivateDirectory(directory);
        var temp = createOwnerOnlyFile(directory);
        try {
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path createOwnerOnlyFile(Path directory) throws IOException {
        if (isPosix(directory)) {
            // Created with 0600 from the start, so the material is never readable by others, not even briefly.
            return Files.createTempFile(directory, "keys", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE));
        }
        return Files.createTempFile(directory, "keys", ".tmp");
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            restrictToOwner(directory, OWNER_DIRECTORY);
            return;
        }
        var parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileAttribute<?>[] attributes = isPosix(parent == null ? directory : parent)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY)}
                : new FileAttribute<?>[0];
        try {
            Files.createDirectory(directory, attributes);
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // Another process made it first; its permissions are fixed below.
        }
        // The umask may have taken bits away from the requested mode, never added; set it exactly anyway.
        restrictToOwner(directory, OWNER_DIRECTORY);
    }

    private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (isPosix(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private ObjectNode keyToJson(KmsKey key) {
        var node = json.createObjectNode()
                .put("keyId", key.id())
                .put("keySpec", key.spec().name())
                .put("keyUsage", key.usage().name())
                .put("description", key.description())
                .put("creationDate", key.creationDate().toString())
                .put("state", key.state().wireName());
        if (key.logicalId() != null) {
            node.put("logicalId", key.logicalId());
        }
        if (key.deletionDate() != null) {
            node.put("deletionDate", key.deletionDate().toString());
        }
        var base64 = Base64.getEncoder();
        if (key.spec().isAsymmetric()) {
            node.put("privateKey", base64.encodeToString(key.privateKey().getEncoded()));
            node.put("publicKey", base64.encodeToString(key.publicKey().getEncoded()));
        } else {
            node.put("secret", base64.encodeToString(key.secret().getEncoded()));
        }
        return node;
    }

    private static KmsKey keyFromJson(JsonNode node) throws GeneralSecurityException {
        var base64 = Base64.getDecoder();
        return KmsKey.restore(
                node.path("keyId").asText(),
                node.hasNonNull("logicalId") ? node.get("logicalId").asText() : null,
                KmsKeySpec.valueOf(node.path("keySpec").asText()),
                KmsKeyUsage.valueOf(node.path("keyUsage").asText()),
                node.path("description").asText(""),
                Instant.parse(node.path("creationDate").asText()),
                KmsKeyState.fromWireName(node.path("state").asText()),
                node.hasNonNull("deletionDate")
                        ? Instant.parse(node.get("deletionDate").asText())
                        : null,
                node.hasNonNull("secret") ? base64.decode(node.get("secret").asText()) : null,
                node.hasNonNull("privateKey")
                        ? base64.decode(node.get("privateKey").asText())
                        : null,
                node.hasNonNull("publicKey")
                        ? base64.decode(node.get("publicKey").asText())
                        : null);
    }
}
