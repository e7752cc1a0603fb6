package com.safebook.bench.cost;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size of an item by DynamoDB's rule ("Item sizes and formats" in the developer guide): the
 * UTF-8 length of each attribute name plus the size of its value. A string is its UTF-8 length; a
 * binary its byte count; a number one byte per two significant digits plus one; a Boolean or null one
 * byte; a set the sum of its elements; a list or map 3 bytes plus, per element, the element's size (a
 * map's with its key) and one byte. Hand-written: the rule is short and no maintained library for the
 * SDK v2 computes it.
 */
public final class ItemSize {
    private ItemSize() {}

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (var attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    static long value(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS ->
                value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
            case L -> 3 + value.l().stream().mapToLong(e -> value(e) + 1).sum();
            case M ->
                3
                        + value.m().entrySet().stream()
                                .mapToLong(e -> utf8(e.getKey()) + value(e.getValue()) + 1)
                                .sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("An attribute of an unknown type");
        };
    }

    /** One byte per two significant digits (leading and trailing zeros do not count), plus one. */
    static long number(String number) {
        var mantissa =
                number.split("[eE]", 2)[0].replace("-", "").replace("+", "").replace(".", "");
        var digits = mantissa.replaceAll("^0+", "").replaceAll("0+$", "");
        return (Math.max(1, digits.length()) + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
