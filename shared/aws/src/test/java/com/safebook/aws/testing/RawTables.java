package com.safebook.aws.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tables read raw, past the application: every item's names and values as bytes, binary values as
 * they are stored, so that a search finds plaintext wherever it hides.
 */
public final class RawTables {
    private RawTables() {}

    /** Every byte of every item of {@code tables}, one entry per item. */
    public static List<byte[]> scan(DynamoDbClient dynamoDb, List<String> tables) {
        var items = new ArrayList<byte[]>();
        for (var table : tables) {
            for (var page : dynamoDb.scanPaginator(r -> r.tableName(table))) {
                for (var item : page.items()) {
                    var out = new ByteArrayOutputStream();
                    write(out, item);
                    items.add(out.toByteArray());
                }
            }
        }
        return items;
    }

    /** The searched-for texts that occur in any item, as UTF-8, in any letter case. */
    public static List<String> found(List<byte[]> items, List<String> needles) {
        var found = new ArrayList<String>();
        for (var needle : needles) {
            for (var item : items) {
                var haystack = new String(item, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                var utf8 = new String(
                        needle.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                if (haystack.contains(utf8)) {
                    found.add(needle);
                    break;
                }
            }
        }
        return found;
    }

    private static void write(ByteArrayOutputStream out, Map<String, AttributeValue> item) {
        item.forEach((name, value) -> {
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            out.write('=');
            write(out, value);
            out.write('\n');
        });
    }

    private static void write(ByteArrayOutputStream out, AttributeValue value) {
        if (value.s() != null) {
            out.writeBytes(value.s().getBytes(StandardCharsets.UTF_8));
        } else if (value.n() != null) {
            out.writeBytes(value.n().getBytes(StandardCharsets.UTF_8));
        } else if (value.b() != null) {
            out.writeBytes(value.b().asByteArray());
        } else if (value.hasSs()) {
            value.ss().forEach(s -> out.writeBytes(s.getBytes(StandardCharsets.UTF_8)));
        } else if (value.hasL()) {
            value.l().forEach(v -> write(out, v));
        } else if (value.hasM()) {
            write(out, value.m());
        }
    }
}
