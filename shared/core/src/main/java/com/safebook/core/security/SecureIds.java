package com.safebook.core.security;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Unguessable identifiers and secrets. The generator reads the operating system's entropy on every
 * call (NativePRNGNonBlocking), so that a SnapStart snapshot restored many times never repeats a
 * value. It is created on first use, never during init; SnapStart priming may be that first use,
 * which is safe for the same reason (and Lambda's Java runtimes keep {@code SecureRandom} unique
 * across restores).
 */
public final class SecureIds {
    private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private volatile SecureRandom random;

    public byte[] bytes(int count) {
        var bytes = new byte[count];
        random().nextBytes(bytes);
        return bytes;
    }

    /** 128 random bits as 26 characters of Crockford's base32, lower case. */
    public String id128() {
        return base32(bytes(16));
    }

    /** A random (version 4) UUID, for event ids. */
    public String uuid() {
        var b = bytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }

    static String base32(byte[] bytes) {
        var out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    private SecureRandom random() {
        var r = random;
        if (r == null) {
            synchronized (this) {
                r = random;
                if (r == null) {
                    r = newRandom();
                    random = r;
                }
            }
        }
        return r;
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException notOnThisPlatform) {
            return new SecureRandom();
        }
    }
}
