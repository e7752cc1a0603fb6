package com.safebook.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Totp} and {@link Base32} against the vectors of RFC 6238 and RFC 4648. */
class CognitoTotpTest {
    private static final byte[] RFC_6238_SHA1_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 appendix B, SHA-1; the 6-digit code is the last 6 of the 8 digits listed there. */
    @ParameterizedTest
    @CsvSource({
        "59, 287082",
        "1111111109, 081804",
        "1111111111, 050471",
        "1234567890, 005924",
        "2000000000, 279037",
        "20000000000, 353130"
    })
    void code_rfc6238Vectors_match(long epochSecond, String expected) {
        assertThat(Totp.code(RFC_6238_SHA1_SECRET, Totp.step(Instant.ofEpochSecond(epochSecond))))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32_rfc4648Vectors_encodeAndDecode(String text, String encoded) {
        assertThat(Base32.encode(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(new String(Base32.decode(encoded.toLowerCase()), StandardCharsets.US_ASCII))
                .isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"MZXW6YTBOI======, foobar", "mzxw6ytboi, foobar"})
    void base32_paddingAndLowerCase_areAccepted(String encoded, String text) {
        assertThat(new String(Base32.decode(encoded), StandardCharsets.US_ASCII))
                .isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"MZXW1", "MZ XW"})
    void base32_foreignCharacters_areRefused(String encoded) {
        assertThatThrownBy(() -> Base32.decode(encoded)).isInstanceOf(IllegalArgumentException.class);
    }
}
