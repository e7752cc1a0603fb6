package com.safebook.local.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The ciphertext blob of a symmetric key, which names its key so that Decrypt needs no KeyId, as in KMS:
 *
 * <pre>
 * version (1 byte, 1) | key id (16 bytes, the UUID) | IV (12 bytes) | AES-256-GCM ciphertext and 16-byte tag
 * </pre>
 *
 * The additional authenticated data is the header (version and key id) followed by the canonical
 * encryption context, so a changed key id, a changed context or a flipped bit all fail the tag check.
 */
final class KmsCiphertextFormat {
    private static final byte VERSION = 1;
    private static final int KEY_ID_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + KEY_ID_BYTES;
    static final int MIN_LENGTH = HEADER_BYTES + IV_BYTES + TAG_BITS / 8;

    private KmsCiphertextFormat() {}

    static byte[] encrypt(KmsKey key, byte[] plaintext, Map<String, String> context, SecureRandom random)
            throws GeneralSecurityException {
        var header = header(key.id());
        var iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(header);
        cipher.updateAAD(canonicalContext(context));
        var sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(header.length + iv.length + sealed.length)
                .put(header)
                .put(iv)
                .put(sealed)
                .array();
    }

    /** The id of the key the blob claims to be encrypted under. */
    static String keyId(byte[] blob) {
        if (blob.length < MIN_LENGTH || blob[0] != VERSION) {
            throw KmsException.invalidCiphertext();
        }
        var buffer = ByteBuffer.wrap(blob, 1, KEY_ID_BYTES);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    static byte[] decrypt(KmsKey key, byte[] blob, Map<String, String> context) throws GeneralSecurityException {
        if (!keyId(blob).equals(key.id())) {
            throw KmsException.invalidCiphertext();
        }
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, blob, HEADER_BYTES, IV_BYTES));
        cipher.updateAAD(blob, 0, HEADER_BYTES);
        cipher.updateAAD(canonicalContext(context));
        int offset = HEADER_BYTES + IV_BYTES;
        try {
            return cipher.doFinal(blob, offset, blob.length - offset);
        } catch (AEADBadTagException tampered) {
            throw KmsException.invalidCiphertext();
        }
    }

    /**
     * The encryption context as bytes that do not depend on the order of the map: entries sorted by key,
     * each key and value as a 4-byte length and UTF-8, so that no two different contexts encode alike.
     * An absent context and an empty one are the same, as in KMS.
     */
    static byte[] canonicalContext(Map<String, String> context) {
        var out = new ByteArrayOutputStream();
        for (var entry : new TreeMap<>(context).entrySet()) {
            writeField(out, entry.getKey());
            writeField(out, entry.getValue());
        }
        return out.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, String value) {
        var bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] header(String keyId) {
        var uuid = UUID.fromString(keyId);
        return ByteBuffer.allocate(HEADER_BYTES)
                .put(VERSION)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
