package com.safebook.core.booking;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.security.Digests;
import com.safebook.core.security.SecureIds;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's {@code Idempotency-Key}. Everything stored about it is derived from it with separate
 * labels: an id to find the record, a key to fingerprint the request, and a key to seal the manage
 * token so that a retry can get the same answer although the database never holds the token.
 */
public final class IdempotencyKey {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{16,128}");
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] key;

    private IdempotencyKey(String value) {
        this.key = value.getBytes(StandardCharsets.US_ASCII);
    }

    public static IdempotencyKey parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new DomainException(
                    ErrorKind.MALFORMED_REQUEST,
                    "idempotency-key-missing",
                    "POST /bookings needs an Idempotency-Key header (a UUID is a good choice).");
        }
        if (!FORMAT.matcher(value).matches()) {
            throw new DomainException(
                    ErrorKind.MALFORMED_REQUEST,
                    "idempotency-key-invalid",
                    "An Idempotency-Key has 16 to 128 characters of letters, digits, '.', '_', ':' or '-'.");
        }
        return new IdempotencyKey(value);
    }

    public String id() {
        return Digests.base64Url(derive("safebook/idempotency/id"));
    }

    /** A fingerprint of the request's fields, keyed so that it reveals nothing without the key. */
    public String fingerprint(List<String> fields) {
        var canonical = new StringBuilder();
        for (var field : fields) {
            var value = field == null ? "\u0000" : field;
            canonical.append(value.length()).append(':').append(value).append(';');
        }
        return Digests.base64Url(Digests.hmacSha256(
                derive("safebook/idempotency/fingerprint"), canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public String seal(String secret, SecureIds ids) {
        try {
            var iv = ids.bytes(IV_BYTES);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealingKey(), new GCMParameterSpec(TAG_BITS, iv));
            var sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            var out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    public String unseal(String sealed) {
        try {
            var bytes = Base64.getDecoder().decode(sealed);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealingKey(), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DomainException(
                    ErrorKind.CONFLICT,
                    "idempotency-record-unreadable",
                    "The earlier request with this Idempotency-Key cannot be replayed; use a new key.");
        }
    }

    private SecretKeySpec sealingKey() {
        return new SecretKeySpec(derive("safebook/idempotency/seal"), "AES");
    }

    private byte[] derive(String label) {
        return Digests.hmacSha256(key, label.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "IdempotencyKey[redacted]";
    }
}
