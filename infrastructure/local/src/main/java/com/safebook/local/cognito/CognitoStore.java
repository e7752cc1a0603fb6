package com.safebook.local.cognito;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pool's state on disk under {@code <dataDir>/cognito/}: {@code pool.json} (ids and the private signing
 * key), {@code users.json} (password hashes, TOTP secrets, groups, lockouts) and {@code sign-ins.json}
 * (hashes of live refresh tokens). The directory is owner-only (0700) and every file is written owner-only
 * (0600) to a temporary file, synced, then moved into place atomically, so a crash leaves the old or the new
 * file, never half of one. Without a data directory nothing is written.
 */
final class CognitoStore {
    static final String DIRECTORY = "cognito";
    private static final String POOL_FILE = "pool.json";
    private static final String USERS_FILE = "users.json";
    private static final String SIGN_INS_FILE = "sign-ins.json";

    record StoredPool(String userPoolId, long createdAtMillis, Map<String, String> clientIds, String signingKey) {
        @Override
        public String toString() {
            return "StoredPool[userPoolId=" + userPoolId + "]";
        }
    }

    record StoredUser(
            String username,
            String sub,
            Map<String, String> attributes,
            String status,
            boolean enabled,
            String passwordHash,
            Long temporaryPasswordExpiresAtMillis,
            List<String> groups,
            String totpSecret,
            String pendingTotpSecret,
            long lastTotpStep,
            int failedSignIns,
            Long lockedUntilMillis,
            long createdAtMillis,
            long modifiedAtMillis) {
        @Override
        public String toString() {
            return "StoredUser[sub=" + sub + "]";
        }
    }

    record StoredSignIn(
            String originJti,
            String userKey,
            String clientId,
            long authTimeMillis,
            List<String> authenticationMethods,
            long refreshExpiresAtMillis,
            String refreshTokenHash,
            List<String> retiredRefreshTokenHashes) {
        @Override
        public String toString() {
            return "StoredSignIn[originJti=" + originJti + "]";
        }
    }

    private final Path directory;
    private final boolean posix;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CognitoStore(Path directory) {
        this.directory = directory;
        this.posix = directory != null
                && directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static CognitoStore open(Optional<Path> dataDir) {
        if (dataDir.isEmpty()) {
            return new CognitoStore(null);
        }
        var store = new CognitoStore(dataDir.get().resolve(DIRECTORY));
        try {
            Files.createDirectories(store.directory);
            if (store.posix) {
                // Set explicitly: createDirectories' attribute is subject to the umask and skips existing dirs.
                Files.setPosixFilePermissions(store.directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Cognito data directory", e);
        }
        return store;
    }

    Optional<StoredPool> loadPool() {
        return read(POOL_FILE, new TypeReference<StoredPool>() {});
    }

    List<StoredUser> loadUsers() {
        return read(USERS_FILE, new TypeReference<List<StoredUser>>() {}).orElse(List.of());
    }

    List<StoredSignIn> loadSignIns() {
        return read(SIGN_INS_FILE, new TypeReference<List<StoredSignIn>>() {}).orElse(List.of());
    }

    void savePool(StoredPool pool) {
        write(POOL_FILE, pool);
    }

    void saveUsers(List<StoredUser> users) {
        write(USERS_FILE, users);
    }

    void saveSignIns(List<StoredSignIn> signIns) {
        write(SIGN_INS_FILE, signIns);
    }

    private <T> Optional<T> read(String fileName, TypeReference<T> type) {
        if (directory == null) {
            return Optional.empty();
        }
        var file = directory.resolve(fileName);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            // The message names the file only: the parser's own message may quote secrets.
            throw new IllegalStateException("Cannot read the Cognito state file " + file);
        }
    }

    private void write(String fileName, Object value) {
        if (directory == null) {
            return;
        }
        Path temporary = null;
        try {
            var bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
            temporary = posix
                    ? Files.createTempFile(
                            directory,
                            fileName,
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, fileName, ".tmp");
            try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                var buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(
                    temporary,
                    directory.resolve(fileName),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The original failure is the one worth reporting.
                }
            }
            throw new UncheckedIOException("Cannot save the Cognito state file " + fileName, e);
        }
    }

    @Override
    public String toString() {
        return "CognitoStore[" + (directory == null ? "in memory" : directory) + "]";
    }
}
