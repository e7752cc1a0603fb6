package com.safebook.local.cognito;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash, stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so
 * that a later iteration count still reads older hashes. 600,000 iterations is OWASP's figure for this PRF.
 */
record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    static final int ITERATIONS = 600_000;
    static final int SALT_BYTES = 16;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int HASH_BITS = 256;

    /** @param salt {@link #SALT_BYTES} random bytes */
    static PasswordHash of(String password, byte[] salt) {
        return new PasswordHash(ITERATIONS, salt, derive(password, salt, ITERATIONS));
    }

    boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    String encoded() {
        var b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    static PasswordHash parse(String encoded) {
        var parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("Not a " + PREFIX + " password hash");
        }
        var b64 = Base64.getDecoder();
        return new PasswordHash(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[" + PREFIX + ", iterations=" + iterations + "]";
    }
}
