package com.safebook.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {
    @Test
    void of_strings_countsNamesAndValuesInUtf8() {
        var item = Map.of("pk", AttributeValue.fromS("abc"), "näme", AttributeValue.fromS("é"));

        assertThat(ItemSize.of(item)).isEqualTo((2 + 3) + (5 + 2));
    }

    @ParameterizedTest
    @CsvSource({"7, 2", "123, 3", "1700000000, 2", "-0.0500, 2", "12345678901234567890, 11", "1.5E+3, 2", "0, 2"})
    void number_significantDigits_oneBytePerTwoPlusOne(String number, long expected) {
        assertThat(ItemSize.number(number)).isEqualTo(expected);
    }

    @Test
    void of_binaryBooleanAndNull_countTheirBytes() {
        var item = new LinkedHashMap<String, AttributeValue>();
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3, 4})));
        item.put("t", AttributeValue.fromBool(true));
        item.put("z", AttributeValue.fromNul(true));

        assertThat(ItemSize.of(item)).isEqualTo((1 + 4) + (1 + 1) + (1 + 1));
    }

    @Test
    void of_listsAndMaps_addThreeBytesAndOnePerElement() {
        var list = AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("12")));
        var map = AttributeValue.fromM(Map.of("k", AttributeValue.fromS("vv")));

        assertThat(ItemSize.of(Map.of("l", list))).isEqualTo(1 + 3 + (1 + 1) + (2 + 1));
        assertThat(ItemSize.of(Map.of("m", map))).isEqualTo(1 + 3 + (1 + 2 + 1));
    }

    @Test
    void of_sets_sumTheirElements() {
        var item = Map.of(
                "ss", AttributeValue.fromSs(List.of("ab", "c")),
                "ns", AttributeValue.fromNs(List.of("1", "22")));

        assertThat(ItemSize.of(item)).isEqualTo((2 + 3) + (2 + 2 + 2));
    }
}
