package com.safebook.aws.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.aws.testing.CountingSecurityMetrics;
import com.safebook.core.error.DomainException;
import com.safebook.core.security.SecureIds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {
    private static final FieldLocation NAME = new FieldLocation("bookings", "BOOKING#1", "BOOKING", "customerName");

    private final CountingSecurityMetrics metrics = new CountingSecurityMetrics();
    private final PersonalDataCipher cipher = new PersonalDataCipher(new SecureIds(), metrics);
    private final SecureIds ids = new SecureIds();
    private final SubjectKey subject = subject("s1", 1);

    @Test
    void encrypt_thenDecrypt_givesTheTextBack() {
        var stored = cipher.encrypt(subject, NAME, "Ada Lovelace ✓");

        assertThat(cipher.decrypt(subject, NAME, stored)).isEqualTo("Ada Lovelace ✓");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Ada");
        assertThat(stored).hasSize(1 + 4 + 12 + "Ada Lovelace ✓".getBytes(StandardCharsets.UTF_8).length + 16);
    }

    @Test
    void encrypt_sameTextTwice_usesAFreshIvEachTime() {
        var one = cipher.encrypt(subject, NAME, "Ada");
        var two = cipher.encrypt(subject, NAME, "Ada");

        assertThat(Arrays.copyOfRange(one, 5, 17)).isNotEqualTo(Arrays.copyOfRange(two, 5, 17));
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void decrypt_anyOtherLocationSubjectOrVersion_isRejected() {
        var stored = cipher.encrypt(subject, NAME, "Ada");

        assertRejected(subject, new FieldLocation("bookings", "BOOKING#2", "BOOKING", "customerName"), stored);
        assertRejected(subject, new FieldLocation("bookings", "BOOKING#1", "OTHER", "customerName"), stored);
        assertRejected(subject, new FieldLocation("bookings", "BOOKING#1", "BOOKING", "notes"), stored);
        assertRejected(subject, new FieldLocation("consents", "BOOKING#1", "BOOKING", "customerName"), stored);
        assertRejected(new SubjectKey("s2", "i", 1, subject.key(), new byte[0], false, null), NAME, stored);
        assertRejected(new SubjectKey("s1", "i", 2, subject.key(), new byte[0], false, null), NAME, stored);
        assertRejected(subject("s1", 1), NAME, stored);
        assertThat(metrics.rejectedCiphertexts()).hasSize(7);
    }

    @Test
    void decrypt_truncatedOrForeignFormat_isRejected() {
        var stored = cipher.encrypt(subject, NAME, "Ada");

        assertRejected(subject, NAME, Arrays.copyOf(stored, stored.length - 1));
        assertRejected(subject, NAME, new byte[3]);
        var otherFormat = stored.clone();
        otherFormat[0] = 2;
        assertRejected(subject, NAME, otherFormat);
    }

    private void assertRejected(SubjectKey key, FieldLocation where, byte[] stored) {
        assertThatThrownBy(() -> cipher.decrypt(key, where, stored))
                .isInstanceOf(DomainException.class)
                .hasMessageNotContaining("Ada");
    }

    private SubjectKey subject(String id, int version) {
        return new SubjectKey(id, "index", version, new SecretKeySpec(ids.bytes(32), "AES"), new byte[0], false, null);
    }
}
