package com.safebook.local.hostile;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile text: unicode edge cases, injection strings, random and huge strings, and values that
 * almost parse. Most values carry a canary ({@code cnry} and 12 hex digits) somewhere inside, so
 * that an echo of the value in a response or a log line is found whatever else the value holds.
 */
final class HostileText {
    static final Pattern CANARY = Pattern.compile("cnry[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);

    /** What a stack trace leaves in text; no generated value contains them, so none may come back. */
    static final List<String> STACK_TRACE_MARKERS = List.of("at com.", "exception", "java.", "\tat ");

    /** Each a known trouble-maker for parsers, normalisers, terminals and storage. */
    static final List<String> UNICODE_EDGES = List.of(
            "\uD800", // lone high surrogate
            "\uDC00", // lone low surrogate
            "a\uDFFFb\uD800",
            "\uDBFF\uDBFF\uDC00",
            "\uDBFF\uDFFF", // U+10FFFF
            "\uFFFE\uFFFF", // noncharacters
            "\uFFFD",
            "\u202Egnp.exe", // right-to-left override
            "\u202D\u202C\u2066\u2067\u2068\u2069\u200E\u200F",
            "\u0627\u0644\u0639\u0631\u0628\u064A\u0629 \u05E2\u05D1\u05E8\u05D9\u05EA",
            "\u200B\u200C\u200D\u2060\uFEFF", // zero width, joiners, BOM
            "\u00AD\u034F\u180E",
            "\u0000",
            "a\u0000b",
            "\u0001\u0007\u0008\u001B[31m\u001F\u007F",
            "\u0085\u2028\u2029",
            "\t\n\r\u000B\u000C",
            "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030A\u030B\u030C",
            "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035A\u035B\u035C\u035D\u035E",
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", // family emoji (ZWJ)
            "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
            "\uD83C\uDDE9\uD83C\uDDEA",
            "\uD83D\uDE00\uD83D\uDCA9",
            "\u0130\u0131\u017F\u212A\u00DF\uFB03\u212B", // case-mapping oddities
            "\uFF21\uFF44\uFF4D\uFF49\uFF4E", // full width
            "\uD835\uDD52\uD835\uDD53", // mathematical letters
            "\u1100\u1100\uAC01\u11A8",
            "\u0E01\u0E34\u0E4A\u0E4A\u0E4A",
            "\u3000\u00A0\u2007\u202F",
            "\u00C0\u0041\u0300", // precomposed and decomposed
            "\uDB40\uDC01\uDB40\uDC7F"); // tag characters

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1' --",
            "1; DROP TABLE bookings; --",
            "\" OR \"\"=\"",
            "admin'--",
            "1 UNION SELECT null, null --",
            "{\"$gt\":\"\"}",
            "{\"$ne\":null}",
            "{\"$where\":\"sleep(1000)\"}",
            "[$regex]=.*",
            "SELECT * FROM \"BookingsTable\" WHERE pk <> ''",
            "UPDATE \"BookingsTable\" SET status='CANCELLED'",
            "pk = :pk OR attribute_exists(pk)",
            "#pk, :v, begins_with(sk, '')",
            "{\"S\":\"BOOKING#x\"}",
            "${jndi:ldap://127.0.0.1:1389/a}",
            "${jndi:${lower:l}${lower:d}ap://x/a}",
            "${env:AWS_SECRET_ACCESS_KEY}",
            "${sys:user.home}",
            "${ctx:requestId}${date:YYYY}",
            "%s%s%s%n%x%p",
            "{}{0}{1}",
            "{{7*7}}#{7*7}${7*7}<%= 7*7 %>",
            "\r\nSet-Cookie: session=stolen",
            "\r\n\r\n<html>injected</html>",
            "%0d%0aLocation:%20https://evil.example",
            "\nX-Injected: 1",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..%252f..%252f",
            "/staff/bookings",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(document.domain)",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
            "*)(uid=*))(|(uid=*",
            "a@b.example\r\nBcc: victim@example.com",
            "=HYPERLINK(\"https://evil.example\")",
            "+cmd|' /C calc'!A0",
            "$(id)`id`;id|id",
            "__proto__",
            "constructor",
            "NaN",
            "Infinity",
            "-0",
            "1e309",
            "0x7fffffff",
            "9223372036854775808",
            "-9223372036854775809",
            "null",
            "undefined",
            "true",
            "[]",
            "{}");

    /** Almost valid: dates, times, ids and numbers at and past their edges. */
    static final List<String> NEAR_MISSES = List.of(
            "",
            " ",
            "2026-02-30",
            "2026-13-01",
            "2026-3-2",
            "+999999999-12-31",
            "-999999999-01-01",
            "0000-01-01",
            "9999-12-31",
            "2026-03-02T08:00:00",
            "2026-03-02T08:00:00+25:00",
            "2026-03-02T08:00:00Z[Europe/Berlin]",
            "2026-03-02T24:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z",
            "-1000000000-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "0",
            "-1",
            "2147483648",
            "Europe/Berlin",
            "UTC+14:00",
            "GMT0",
            "SystemV/AST4");

    private HostileText() {}

    /**
     * A new canary: unique per value, found in any letter case. Random and never shrunk: shrinking
     * would make every canary {@code cnry000000000000}, and one try's canary another's stored data.
     */
    static Arbitrary<String> canary() {
        return Arbitraries.randomValue(
                random -> "cnry" + HexFormat.of().toHexDigits(random.nextLong()).substring(4));
    }

    /** Hostile text, usually with a canary in it. */
    static Arbitrary<String> text() {
        return BuiltOnce.frequencyOf(Tuple.of(7, withCanary(bare())), Tuple.of(3, bare()));
    }

    /** Hostile text without a canary. */
    static Arbitrary<String> bare() {
        return BuiltOnce.frequencyOf(
                        Tuple.of(20, Arbitraries.strings().ascii().ofMaxLength(40)),
                        Tuple.of(15, Arbitraries.of(UNICODE_EDGES)),
                        Tuple.of(20, Arbitraries.of(INJECTIONS)),
                        Tuple.of(10, Arbitraries.of(NEAR_MISSES)),
                        Tuple.of(15, Arbitraries.strings().all().ofMaxLength(64)),
                        Tuple.of(10, mixed()),
                        Tuple.of(3, long_()),
                        Tuple.of(1, huge()))
                .filter(HostileText::hasNoStackTraceMarker);
    }

    /** Two to four of the hostile pieces run together. */
    static Arbitrary<String> mixed() {
        var piece = BuiltOnce.oneOf(
                Arbitraries.of(UNICODE_EDGES),
                Arbitraries.of(INJECTIONS),
                Arbitraries.of(NEAR_MISSES),
                Arbitraries.strings().all().ofMaxLength(8));
        return piece.list().ofMinSize(2).ofMaxSize(4).map(parts -> String.join("", parts));
    }

    /** A few hundred to a few thousand characters: past any sensible field length, within a body's limit. */
    static Arbitrary<String> long_() {
        return Combinators.combine(
                        BuiltOnce.oneOf(
                                Arbitraries.of(UNICODE_EDGES),
                                Arbitraries.of(INJECTIONS),
                                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3)),
                        Arbitraries.integers().between(100, 5_000))
                .as((piece, times) -> piece.repeat(Math.max(1, times / Math.max(1, piece.length()))));
    }

    /** Past the functions' 16 KB body limit when sent in a body. */
    static Arbitrary<String> huge() {
        return Arbitraries.integers().between(16_000, 24_000).map("x"::repeat);
    }

    /** The value with a canary at its start, somewhere inside, or at its end. */
    static Arbitrary<String> withCanary(Arbitrary<String> values) {
        return Combinators.combine(values, canary(), Arbitraries.integers().between(0, 1_000))
                .as((value, canary, at) -> {
                    var position = value.isEmpty() ? 0 : at % (value.length() + 1);
                    return value.substring(0, position) + canary + value.substring(position);
                });
    }

    static boolean hasNoStackTraceMarker(String text) {
        var lower = text.toLowerCase(Locale.ROOT);
        return STACK_TRACE_MARKERS.stream().noneMatch(lower::contains);
    }
}
