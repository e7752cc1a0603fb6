package com.safebook.local.hostile;

import com.safebook.core.consent.Purpose;
import com.safebook.core.consent.PurposeCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The values the routes expect, valid and nearly so, mixed with hostile text: so that generated
 * calls pass the first checks often enough to reach the use cases, the keys and the tables.
 */
final class RouteValues {
    static final List<String> SERVICE_IDS = List.of("consultation", "treatment", "follow-up");
    static final List<String> STAFF_SUBJECTS = List.of(
            "0b5e2f0a-6a8e-4c39-9f3e-1d2c3b4a5f60",
            "7c1d9e2b-3f4a-4b5c-8d6e-9f0a1b2c3d4e",
            "e3f4a5b6-c7d8-4e9f-a0b1-c2d3e4f5a6b7");
    static final List<String> DAYS =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    /** A quiet day in the past: no call of the tests is recorded near it, so a range there reads little. */
    private static final Instant QUIET = Instant.parse("2026-03-02T08:00:00Z");

    private RouteValues() {}

    static Arbitrary<String> serviceIds() {
        return BuiltOnce.frequencyOf(
                Tuple.of(50, Arbitraries.of(SERVICE_IDS)),
                Tuple.of(10, HostileRequests.spoiled(Arbitraries.of(SERVICE_IDS))),
                Tuple.of(40, HostileText.text()));
    }

    static List<String> purposes() {
        return PurposeCatalog.DEFAULT.purposes().stream().map(Purpose::id).toList();
    }

    static Arbitrary<String> policyVersions() {
        return BuiltOnce.frequencyOf(
                Tuple.of(
                        60,
                        Arbitraries.of(PurposeCatalog.DEFAULT.purposes().stream()
                                .map(Purpose::policyVersion)
                                .distinct()
                                .toList())),
                Tuple.of(10, Arbitraries.of("2026-03-02", "2025-01-01", "1", "v2")),
                Tuple.of(30, HostileText.text()));
    }

    /** Local dates: soon, far, at the calendar's edges, or not dates. */
    static Arbitrary<String> dates() {
        var today = LocalDate.now(ZoneOffset.UTC);
        return BuiltOnce.frequencyOf(
                Tuple.of(45, Arbitraries.integers().between(-10, 60).map(d -> today.plusDays(d)
                        .toString())),
                Tuple.of(
                        5,
                        Arbitraries.longs()
                                .between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                                .map(d -> LocalDate.ofEpochDay(d).toString())),
                Tuple.of(
                        5,
                        Arbitraries.of(
                                LocalDate.MAX.toString(),
                                LocalDate.MAX.minusDays(3).toString(),
                                LocalDate.MIN.toString(),
                                LocalDate.MIN.plusDays(3).toString(),
                                "0000-01-01",
                                "9999-12-31",
                                "+10000-01-01")),
                Tuple.of(45, HostileText.text()));
    }

    /** A time with an offset, as a booking's start: mostly well-formed, in any year. */
    static Arbitrary<String> offsetDateTimes() {
        var soon = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        return BuiltOnce.frequencyOf(
                Tuple.of(
                        50,
                        Combinators.combine(
                                        Arbitraries.longs().between(-3 * 24 * 60, 90L * 24 * 60),
                                        Arbitraries.of("Z", "+01:00", "+02:00", "-05:00", "+14:00", "-18:00"))
                                .as((minutes, offset) -> soon.plus(Duration.ofMinutes(minutes))
                                        .atOffset(ZoneOffset.of(offset.equals("Z") ? "+00:00" : offset))
                                        .toString())),
                Tuple.of(
                        10,
                        Arbitraries.of(
                                "+999999999-12-31T23:59:59.999999999-18:00",
                                "-999999999-01-01T00:00:00+18:00",
                                "2026-03-02T08:00:00+01:00",
                                "9999-12-31T23:45:00Z")),
                Tuple.of(40, HostileText.text()));
    }

    /**
     * The {@code from} and {@code to} of an audit range: mostly a short range on a quiet day (minutes to
     * hours), sometimes the wrong way round, at the ends of time, or text. Long ranges are rare: each hour
     * of one is a query of its own.
     */
    static Arbitrary<List<Map.Entry<String, String>>> instantRanges() {
        var lengths = BuiltOnce.frequencyOf(
                Tuple.of(60, Arbitraries.longs().between(1, 180).map(Duration::ofMinutes)),
                Tuple.of(25, Arbitraries.longs().between(3, 48).map(Duration::ofHours)),
                Tuple.of(12, Arbitraries.longs().between(-48, 0).map(Duration::ofHours)),
                Tuple.of(1, Arbitraries.longs().between(32, 20_000).map(Duration::ofDays)),
                Tuple.of(1, Arbitraries.just(Duration.ofDays(31))));
        var quiet = Combinators.combine(Arbitraries.longs().between(-40L * 24 * 3600, 40L * 24 * 3600), lengths)
                .as((offset, length) -> range(QUIET.plusSeconds(offset), length));
        var recent = Arbitraries.longs()
                .between(1, 15)
                .map(minutes -> range(Instant.now().minus(Duration.ofMinutes(minutes)), Duration.ofMinutes(minutes)));
        var edges = Arbitraries.of(
                range(Instant.MAX.minus(Duration.ofHours(2)), Duration.ofHours(2)),
                range(Instant.MAX.minus(Duration.ofDays(31)), Duration.ofDays(31)),
                range(Instant.MIN, Duration.ofHours(3)),
                range(Instant.MIN, Duration.ofDays(31)),
                List.of(Map.entry("from", Instant.MAX.toString()), Map.entry("to", Instant.MAX.toString())),
                range(Instant.parse("9999-12-31T22:00:00Z"), Duration.ofHours(5)),
                range(Instant.EPOCH.minusSeconds(1), Duration.ofSeconds(2)));
        var any = Combinators.combine(instants(), instants())
                .as((from, to) -> List.of(Map.entry("from", from), Map.entry("to", to)));
        var partial = instants().map(from -> List.of(Map.entry("from", from)));
        return BuiltOnce.frequencyOf(
                Tuple.of(55, quiet), Tuple.of(1, recent), Tuple.of(4, edges), Tuple.of(35, any), Tuple.of(5, partial));
    }

    private static List<Map.Entry<String, String>> range(Instant from, Duration length) {
        var to = length.isNegative() || Instant.MAX.minus(length).isAfter(from) ? from.plus(length) : Instant.MAX;
        return List.of(Map.entry("from", from.toString()), Map.entry("to", to.toString()));
    }

    static Arbitrary<String> instants() {
        return BuiltOnce.frequencyOf(
                Tuple.of(
                        40,
                        Arbitraries.longs()
                                .between(-40L * 24 * 3600, 40L * 24 * 3600)
                                .map(s -> QUIET.plusSeconds(s).toString())),
                Tuple.of(
                        10,
                        Arbitraries.longs()
                                .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                                .map(s -> Instant.ofEpochSecond(s).toString())),
                Tuple.of(50, HostileText.text()));
    }

    /** A person's name with a canary, or hostile text. */
    static Arbitrary<String> names() {
        return BuiltOnce.frequencyOf(
                Tuple.of(
                        60,
                        Combinators.combine(
                                        Arbitraries.strings()
                                                .alpha()
                                                .ofMinLength(1)
                                                .ofMaxLength(20),
                                        HostileText.canary())
                                .as((name, canary) -> name + " " + canary)),
                Tuple.of(40, HostileText.text()));
    }

    /** Email addresses: valid ones around a canary, the given ones, or hostile text. */
    static Arbitrary<String> emails(List<String> known) {
        var valid = Combinators.combine(
                        HostileText.canary(),
                        Arbitraries.of("", ".a", "+tag", "_x"),
                        Arbitraries.of(
                                "example.com",
                                "example.org",
                                "sub.example.net",
                                "EXAMPLE.COM",
                                "xn--bcher-kva.example"))
                .as((canary, extra, domain) -> canary + extra + "@" + domain);
        var injected =
                HostileText.withCanary(Arbitraries.of(HostileText.INJECTIONS)).map(s -> s + "@example.com");
        if (known.isEmpty()) {
            return BuiltOnce.frequencyOf(Tuple.of(50, valid), Tuple.of(35, HostileText.text()), Tuple.of(15, injected));
        }
        return BuiltOnce.frequencyOf(
                Tuple.of(50, valid),
                Tuple.of(35, HostileText.text()),
                Tuple.of(15, injected),
                Tuple.of(15, Arbitraries.of(known)));
    }

    static Arbitrary<String> phones() {
        return BuiltOnce.frequencyOf(
                Tuple.of(
                        40,
                        Arbitraries.strings()
                                .numeric()
                                .ofMinLength(6)
                                .ofMaxLength(12)
                                .map(d -> "+49 30 " + d)),
                Tuple.of(60, HostileText.text()));
    }

    /**
     * {@code requestContext.authorizer} as the Cognito authorizer passes it (a staff member's claims,
     * every value a string) or as no authorizer would: none, no claims, values that are not strings.
     */
    static Arbitrary<Map<String, Object>> staffAuthorizer() {
        var subject =
                BuiltOnce.frequencyOf(Tuple.of(85, Arbitraries.of(STAFF_SUBJECTS)), Tuple.of(15, HostileText.text()));
        var groups = BuiltOnce.frequencyOf(
                Tuple.of(
                        70,
                        Arbitraries.of(
                                "admin", "staff", "auditor", "admin,staff", "auditor,staff", "staff,admin,auditor")),
                Tuple.of(
                        15,
                        Arbitraries.of(
                                "", "[admin staff]", "[auditor]", "ADMIN", " admin ", "admin,,auditor", "a d m i n")),
                Tuple.of(15, HostileText.text()));
        var amr = HostileRequests.absentOr(
                BuiltOnce.frequencyOf(
                        Tuple.of(6, Arbitraries.just("pwd,mfa")),
                        Tuple.of(2, Arbitraries.of("pwd", "[pwd mfa]", "mfa")),
                        Tuple.of(2, HostileText.text())),
                50);
        var email = HostileRequests.absentOr(HostileText.canary().map(c -> c + "@staff.example"), 50);
        var claims = Combinators.combine(subject, groups, amr, email, HostileText.canary())
                .as((sub, group, methods, address, username) -> {
                    var map = new HashMap<String, Object>();
                    map.put("sub", sub);
                    map.put("cognito:groups", group);
                    methods.ifPresent(m -> map.put("amr", m));
                    address.ifPresent(a -> map.put("email", a));
                    map.put("cognito:username", username);
                    map.put("token_use", "id");
                    map.put("exp", "Mon Mar 02 08:15:00 UTC 2026");
                    return map;
                });
        var odd = Combinators.combine(subject, HostileText.text()).as((sub, text) -> {
            var map = new HashMap<String, Object>();
            map.put("sub", text.length() % 2 == 0 ? 42 : null);
            map.put("cognito:groups", List.of("admin"));
            map.put(text, Map.of("nested", sub));
            return map;
        });
        var random = Arbitraries.maps(HostileText.text(), HostileText.text()).ofMaxSize(4);
        return BuiltOnce.frequencyOf(
                Tuple.of(80, claims.map(c -> Map.<String, Object>of("claims", c))),
                Tuple.of(5, Arbitraries.<Map<String, Object>>just(null)),
                Tuple.of(
                        5,
                        Arbitraries.of(
                                Map.<String, Object>of(),
                                Map.<String, Object>of("claims", "sub=admin"),
                                Map.<String, Object>of("principalId", "admin"))),
                Tuple.of(5, odd.map(c -> Map.<String, Object>of("claims", c))),
                Tuple.of(5, random.map(c -> Map.<String, Object>of("claims", c))));
    }
}
