package com.safebook.core.booking;

import com.safebook.core.security.Digests;
import com.safebook.core.security.SecureIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret that lets a customer manage a booking without an account: 256 random bits, shown
 * once, stored only as its SHA-256 (a slow hash adds nothing to a secret of this strength).
 */
public final class ManageToken {
    private static final int BYTES = 32;
    private static final String UNUSED_HASH = Digests.base64Url(Digests.sha256("safebook:no-such-token"));

    private ManageToken() {}

    public static String generate(SecureIds ids) {
        return Digests.base64Url(ids.bytes(BYTES));
    }

    public static String hash(String token) {
        return Digests.base64Url(Digests.sha256(token));
    }

    /**
     * Whether {@code presented} is the token whose hash is {@code storedHash}, in time that does not
     * depend on where they differ. With no stored hash (unknown booking) it still does the same work.
     */
    public static boolean matches(String presented, String storedHash) {
        var expected = (storedHash == null ? UNUSED_HASH : storedHash).getBytes(StandardCharsets.US_ASCII);
        var actual = hash(presented == null ? "" : presented).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) && storedHash != null && presented != null;
    }
}
