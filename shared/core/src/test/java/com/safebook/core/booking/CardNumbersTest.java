package com.safebook.core.booking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111",
                "card 4111 1111 1111 1111 ok",
                "5500-0000-0000-0004",
                "378282246310005",
                "x6011111111111117y",
                "4222222222222"
            })
    void containsCardNumber_luhnValidRun_isTrue(String text) {
        assertThat(CardNumbers.containsCardNumber(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "call +49 30 1234567",
                "4111111111111112",
                "order 12345",
                "1234 5678 9012",
                "born 1990-01-01, room 12"
            })
    void containsCardNumber_noCard_isFalse(String text) {
        assertThat(CardNumbers.containsCardNumber(text)).isFalse();
    }
}
