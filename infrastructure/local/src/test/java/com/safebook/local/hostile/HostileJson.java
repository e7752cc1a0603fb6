package com.safebook.local.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile JSON bodies, written as raw text so that they can be what no JSON library writes: keys
 * repeated, values of the wrong type, fields missing or unknown, nesting thousands deep, strings
 * past every limit, text that is almost JSON, and bytes that are not UTF-8 at all.
 */
final class HostileJson {
    /** One field of an object: its name, and a JSON value (as text) of the kind the API expects. */
    record Field(String name, Arbitrary<String> value) {}

    /** A body as API Gateway passes it: text, or base64 of bytes. */
    record Body(String text, boolean base64) {
        static final Body NONE = new Body(null, false);

        /** The bytes sent, whichever way. */
        byte[] bytes() {
            if (text == null) {
                return new byte[0];
            }
            if (!base64) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException notBase64) {
                return text.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static final List<String> UNKNOWN_KEYS = List.of(
            "isAdmin",
            "role",
            "status",
            "bookingId",
            "subjectId",
            "__proto__",
            "constructor",
            "$where",
            "pk",
            "customer.name",
            "");

    /** Byte sequences that are not valid UTF-8: overlong forms, surrogates, stray bytes. */
    private static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong '/', three bytes
            new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // overlong '/', four bytes
            new byte[] {(byte) 0xC0, (byte) 0x80}, // overlong NUL
            new byte[] {(byte) 0xC1, (byte) 0xBF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate, CESU-8 style
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
            new byte[] {(byte) 0xFE, (byte) 0xFF},
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}); // truncated

    private HostileJson() {}

    /** A JSON string literal of {@code value}; with {@code escapeAll}, every non-ASCII char as {@code \\uXXXX}. */
    static String quote(String value, boolean escapeAll) {
        var out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (escapeAll && c > 0x7E)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Hostile text as a JSON string literal, escaped one way or the other. */
    static Arbitrary<String> string(Arbitrary<String> text) {
        return Combinators.combine(text, Arbitraries.of(false, true)).as(HostileJson::quote);
    }

    static Arbitrary<String> string() {
        return string(HostileText.text());
    }

    /** Any JSON value, mostly not the type a field wants: numbers at their edges, operators, nesting. */
    static Arbitrary<String> anyValue() {
        return anyValue(3);
    }

    private static Arbitrary<String> anyValue(int depth) {
        var scalar = BuiltOnce.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.of(
                                "0",
                                "-1",
                                "1.5",
                                "-0",
                                "1e400",
                                "-1e-400",
                                "9223372036854775808",
                                "2147483648",
                                "123456789012345678901234567890123456789",
                                "0.1e1",
                                "1E+2")),
                Tuple.of(2, Arbitraries.longs().map(n -> Long.toString(n))),
                Tuple.of(1, Arbitraries.of("true", "false", "null")),
                Tuple.of(4, string()),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "{\"$gt\":\"\"}",
                                "{\"$ne\":null}",
                                "{\"$regex\":\".*\"}",
                                "{\"S\":\"x\"}",
                                "{\"N\":\"1\"}",
                                "{\"M\":{}}",
                                "{\"BOOL\":true}",
                                "[]",
                                "{}")));
        if (depth == 0) {
            return scalar;
        }
        var array = anyValue(depth - 1).list().ofMaxSize(4).map(values -> "[" + String.join(",", values) + "]");
        var object = Combinators.combine(string(), anyValue(depth - 1))
                .as((key, value) -> key + ":" + value)
                .list()
                .ofMaxSize(4)
                .map(entries -> "{" + String.join(",", entries) + "}");
        return BuiltOnce.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, array), Tuple.of(1, object));
    }

    /**
     * An object of the given fields, each usually present with a value of its kind, sometimes of the
     * wrong type or missing; sometimes with unknown fields or a field repeated; in any order.
     */
    static Arbitrary<String> object(List<Field> fields) {
        var entries = new ArrayList<Arbitrary<List<String>>>();
        for (var field : fields) {
            var key = quote(field.name(), false);
            entries.add(BuiltOnce.frequencyOf(
                    Tuple.of(80, field.value().map(v -> List.of(key + ":" + v))),
                    Tuple.of(8, anyValue().map(v -> List.of(key + ":" + v))),
                    Tuple.of(7, Arbitraries.just(List.<String>of())),
                    // The same key twice: a parser that keeps the first or the last must not be asked to choose.
                    Tuple.of(
                            3,
                            Combinators.combine(field.value(), anyValue())
                                    .as((first, second) -> List.of(key + ":" + first, key + ":" + second))),
                    // The name in another case or with an invisible character: an unknown field.
                    Tuple.of(
                            2,
                            Combinators.combine(
                                            Arbitraries.of(
                                                    field.name().toUpperCase(java.util.Locale.ROOT),
                                                    field.name() + "\u200B",
                                                    " " + field.name(),
                                                    field.name() + "\u0000"),
                                            field.value())
                                    .as((name, v) -> List.of(quote(name, true) + ":" + v)))));
        }
        var unknown = Combinators.combine(
                        BuiltOnce.frequencyOf(
                                Tuple.of(3, Arbitraries.of(UNKNOWN_KEYS)), Tuple.of(1, HostileText.text())),
                        anyValue())
                .as((key, value) -> quote(key, false) + ":" + value)
                .list()
                .ofMaxSize(2);
        var extras = BuiltOnce.frequencyOf(Tuple.of(9, Arbitraries.just(List.<String>of())), Tuple.of(1, unknown));
        return Combinators.combine(Combinators.combine(entries).as(lists -> lists), extras, Arbitraries.randoms())
                .as((lists, extra, random) -> {
                    var all = new ArrayList<String>();
                    lists.forEach(all::addAll);
                    all.addAll(extra);
                    if (random.nextInt(4) == 0) {
                        Collections.shuffle(all, random);
                    }
                    return "{" + String.join(",", all) + "}";
                });
    }

    /** An array of up to a few values of its kind, or of any value. */
    static Arbitrary<String> array(Arbitrary<String> values) {
        return BuiltOnce.frequencyOf(Tuple.of(6, values), Tuple.of(1, anyValue()))
                .list()
                .ofMaxSize(4)
                .map(items -> "[" + String.join(",", items) + "]");
    }

    /** A map as a JSON object: keys of the map's own kind or hostile, values of their kind or not. */
    static Arbitrary<String> map(Arbitrary<String> keys, Arbitrary<String> values) {
        var entry = Combinators.combine(
                        BuiltOnce.frequencyOf(Tuple.of(3, keys), Tuple.of(1, HostileText.text())),
                        BuiltOnce.frequencyOf(Tuple.of(5, values), Tuple.of(1, anyValue())))
                .as((key, value) -> quote(key, false) + ":" + value);
        return entry.list().ofMaxSize(6).map(entries -> "{" + String.join(",", entries) + "}");
    }

    /**
     * A body around a JSON document of the API's shape: mostly the document, otherwise each way a body
     * can go wrong, as text or as base64 of bytes.
     */
    static Arbitrary<Body> body(Arbitrary<String> document) {
        var asText = document.map(text -> new Body(text, false));
        return BuiltOnce.frequencyOf(
                Tuple.of(60, asText),
                Tuple.of(5, document.map(text -> new Body(base64(text.getBytes(StandardCharsets.UTF_8)), true))),
                Tuple.of(4, Combinators.combine(document, Arbitraries.randoms()).as(HostileJson::truncated)),
                Tuple.of(3, document.map(HostileJson::almostJson)),
                Tuple.of(3, Combinators.combine(document, Arbitraries.randoms()).as(HostileJson::invalidUtf8)),
                Tuple.of(2, document.map(HostileJson::otherEncoding)),
                Tuple.of(3, depthBomb()),
                Tuple.of(2, hugeField(document)),
                Tuple.of(
                        4,
                        BuiltOnce.frequencyOf(
                                        Tuple.of(3, anyValue()),
                                        Tuple.of(
                                                1,
                                                Arbitraries.of(
                                                        "", " ", "\n", "null", "\"\"", "[]", "[{}]", "0", "true")))
                                .map(text -> new Body(text, false))),
                Tuple.of(2, Arbitraries.just(Body.NONE)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                new Body("not base64!", true),
                                new Body("e30", true),
                                new Body("====", true),
                                new Body("e30=\r\n", true))),
                Tuple.of(1, HostileText.text().map(text -> new Body(text, false))));
    }

    /** Arrays or objects nested a few to thousands deep; the deepest are past the 16 KB limit too. */
    static Arbitrary<Body> depthBomb() {
        return Combinators.combine(Arbitraries.integers().between(10, 12_000), Arbitraries.of(0, 1, 2, 3))
                .as((depth, kind) -> new Body(
                        switch (kind) {
                            case 0 -> "[".repeat(depth) + "]".repeat(depth);
                            case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                            case 2 -> "{\"customer\":" + "{\"name\":".repeat(depth) + "\"x\"" + "}".repeat(depth + 1);
                            default -> "[".repeat(depth); // never closed
                        },
                        false));
    }

    private static Arbitrary<Body> hugeField(Arbitrary<String> document) {
        return Combinators.combine(document, HostileText.huge(), HostileText.canary())
                .as((text, huge, canary) -> new Body(
                        text.startsWith("{") && text.length() > 1
                                ? "{\"notes\":\"" + canary + huge + "\"," + text.substring(1)
                                : text,
                        false));
    }

    private static Body truncated(String text, Random random) {
        return new Body(text.isEmpty() ? "{" : text.substring(0, random.nextInt(text.length())), false);
    }

    private static Body almostJson(String text) {
        var variants = List.of(
                text + "}",
                text + ",",
                text + text,
                "\uFEFF" + text,
                "// a comment\n" + text,
                text.replace('"', '\''),
                text.replace(":", "=").replace(",", "&"),
                "[" + text + "]",
                "\"" + text.replace("\"", "\\\"") + "\"",
                text.replace("}", ",}"),
                text.replace("\":", "\": NaN, \"x\":"));
        return new Body(variants.get(Math.floorMod(text.hashCode(), variants.size())), false);
    }

    private static Body invalidUtf8(String text, Random random) {
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        var at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        var out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size())));
        out.write(bytes, at, bytes.length - at);
        return new Body(base64(out.toByteArray()), true);
    }

    private static Body otherEncoding(String text) {
        var charsets = List.of(
                StandardCharsets.UTF_16, // with a BOM
                StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16BE,
                Charset.forName("UTF-32"),
                StandardCharsets.ISO_8859_1);
        var charset = charsets.get(Math.floorMod(text.hashCode(), charsets.size()));
        return new Body(base64(text.getBytes(charset)), true);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
