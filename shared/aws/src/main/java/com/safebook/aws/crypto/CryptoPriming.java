package com.safebook.aws.crypto;

import com.safebook.core.privacy.EmailAddresses;
import com.safebook.core.security.Digests;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;

/**
 * SnapStart priming of the field encryption and the blind index: AES-256-GCM, an email address's
 * normal form, and HMAC-SHA-256 run once under an all-zero key, which protects nothing and is nothing to keep out of a snapshot. No
 * subject's key, nor the index key, is loaded.
 */
public final class CryptoPriming {
    private static final String PLACEHOLDER = "snapstart-priming";

    private CryptoPriming() {}

    public static void prime(PersonalDataCipher cipher) {
        var zeroKey = new byte[32];
        var subject = new SubjectKey(
                PLACEHOLDER, PLACEHOLDER, 1, new SecretKeySpec(zeroKey, "AES"), new byte[0], false, null);
        var where = new FieldLocation(PLACEHOLDER, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER);
        cipher.decrypt(subject, where, cipher.encrypt(subject, where, PLACEHOLDER));
        var text = EmailAddresses.normalise("Snapstart.Priming@Example.org").getBytes(StandardCharsets.UTF_8);
        Digests.base64Url(Digests.hmacSha256(zeroKey, text));
        Digests.hex(Digests.sha256(text));
    }
}
