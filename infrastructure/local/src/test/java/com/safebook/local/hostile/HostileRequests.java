package com.safebook.local.hostile;

import com.safebook.local.hostile.HostileJson.Body;
import com.safebook.local.hostile.HostileRequest.Part;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated calls of one route: every part of the event hostile (headers, query, path parameters,
 * the body, the claims), with the valid values of each part mixed in often enough that the calls
 * reach past the first check into the use cases and the tables.
 */
final class HostileRequests {
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "APPLICATION/JSON",
            "application/json; charset=utf-16",
            "application/json;charset=\"\u00FF\"",
            "application/jsonx",
            "application/problem+json",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=----x",
            "text/plain",
            "text/html",
            "application/xml",
            "*/*",
            "",
            " application/json",
            "application/json\r\nX-Injected: 1");

    private static final List<String> HEADER_NAMES = List.of(
            "X-Forwarded-For",
            "Host",
            "Cookie",
            "Accept",
            "Accept-Language",
            "Content-Length",
            "Content-Encoding",
            "Transfer-Encoding",
            "X-Amz-Date",
            "X-Amzn-Trace-Id",
            "X-Http-Method-Override",
            "Referer",
            "Forwarded",
            "");

    private HostileRequests() {}

    static Route route(String method, String resource) {
        return new Route(method, resource);
    }

    /** What one route takes; each part defaults to junk the route never reads. */
    static final class Route {
        private final String method;
        private final String resource;
        private final Map<String, Arbitrary<String>> pathParameters = new LinkedHashMap<>();
        private final Map<String, Arbitrary<String>> query = new LinkedHashMap<>();
        private final List<Arbitrary<List<Map.Entry<String, String>>>> jointQueries = new ArrayList<>();
        private Arbitrary<Optional<String>> authorization = absentOr(HostileText.text(), 80);
        private Arbitrary<Optional<String>> idempotencyKey = absentOr(HostileText.text(), 90);
        private Arbitrary<Map<String, Object>> authorizer = Arbitraries.just(null);
        private Arbitrary<Body> body;
        private boolean jsonBody;
        private final Set<Part> echoedBySuccess = EnumSet.noneOf(Part.class);

        private Route(String method, String resource) {
            this.method = method;
            this.resource = resource;
            // A body where none is read: usually none, as a browser sends.
            this.body = BuiltOnce.frequencyOf(
                    Tuple.of(85, Arbitraries.just(Body.NONE)), Tuple.of(15, HostileJson.body(HostileJson.anyValue())));
        }

        Route pathParameter(String name, Arbitrary<String> values) {
            pathParameters.put(name, values);
            return this;
        }

        Route query(String name, Arbitrary<String> values) {
            query.put(name, values);
            return this;
        }

        /** Query parameters generated together (a range's ends), each pair as it is sent. */
        Route queries(Arbitrary<List<Map.Entry<String, String>>> parameters) {
            jointQueries.add(parameters);
            return this;
        }

        /** The {@code Authorization} header of a manage token: the given valid tokens, spoiled, or junk. */
        Route manageToken(List<String> validTokens) {
            this.authorization = authorizations(validTokens);
            return this;
        }

        Route idempotencyKey() {
            this.idempotencyKey = BuiltOnce.frequencyOf(
                    Tuple.of(
                            50,
                            Arbitraries.randomValue(random ->
                                    Optional.of(new java.util.UUID(random.nextLong(), random.nextLong()).toString()))),
                    Tuple.of(40, HostileText.text().map(Optional::of)),
                    Tuple.of(10, Arbitraries.just(Optional.empty())));
            return this;
        }

        /** A JSON body of this shape, as {@link HostileJson#body} spoils it. */
        Route jsonBody(Arbitrary<String> document) {
            this.body = HostileJson.body(document);
            this.jsonBody = true;
            return this;
        }

        /** Staff claims as the Cognito authorizer passes them, or odd ones. */
        Route staffClaims(Arbitrary<Map<String, Object>> claims) {
            this.authorizer = claims;
            return this;
        }

        /** A successful answer shows these parts by design. */
        Route echoedBySuccess(Part part) {
            echoedBySuccess.add(part);
            return this;
        }

        Arbitrary<HostileRequest> build() {
            var echoed = Set.copyOf(echoedBySuccess);
            return BuiltOnce.of(Combinators.combine(paths(), headers(), queries(), authorizer, body)
                    .as((path, headers, queries, claims, body) -> new HostileRequest(
                            method,
                            resource,
                            path,
                            headers.single(),
                            headers.multi(),
                            queries.single(),
                            queries.multi(),
                            claims,
                            body,
                            echoed)));
        }

        private Arbitrary<Map<String, String>> paths() {
            if (pathParameters.isEmpty()) {
                return Arbitraries.just(null);
            }
            var names = new ArrayList<>(pathParameters.keySet());
            var values = names.stream()
                    // API Gateway never matches a '/' inside one parameter; it arrives encoded.
                    .map(name -> pathParameters.get(name).map(v -> v.replace("/", "%2F")))
                    .toList();
            return Combinators.combine(values).as(list -> {
                var map = new LinkedHashMap<String, String>();
                for (int i = 0; i < names.size(); i++) {
                    map.put(names.get(i), list.get(i));
                }
                return map;
            });
        }

        private Arbitrary<Pairs> headers() {
            var contentType = jsonBody
                    ? BuiltOnce.frequencyOf(
                            Tuple.of(85, Arbitraries.just(Optional.of("application/json"))),
                            Tuple.of(9, Arbitraries.of(CONTENT_TYPES).map(Optional::of)),
                            Tuple.of(3, HostileText.text().map(Optional::of)),
                            Tuple.of(3, Arbitraries.just(Optional.<String>empty())))
                    : absentOr(Arbitraries.of(CONTENT_TYPES), 60);
            var origin = BuiltOnce.frequencyOf(
                    Tuple.of(60, Arbitraries.just(Optional.<String>empty())),
                    Tuple.of(
                            25,
                            Arbitraries.of("https://evil.example", "null", "http://127.0.0.1:8080", "file://")
                                    .map(Optional::of)),
                    Tuple.of(15, HostileText.text().map(Optional::of)));
            var userAgent = BuiltOnce.frequencyOf(
                    Tuple.of(50, Arbitraries.just(Optional.of("Mozilla/5.0 (X11; Linux x86_64)"))),
                    Tuple.of(30, HostileText.text().map(Optional::of)),
                    Tuple.of(20, Arbitraries.just(Optional.<String>empty())));
            var extras = Combinators.combine(
                            BuiltOnce.frequencyOf(
                                    Tuple.of(3, Arbitraries.of(HEADER_NAMES)), Tuple.of(1, HostileText.text())),
                            HostileText.text())
                    .as(Tuple::of)
                    .list()
                    .ofMaxSize(3);
            // The same header twice in the event's map, in another case, with another value.
            var twin = Combinators.combine(
                            Arbitraries.of("content-type", "AUTHORIZATION", "idempotency-key", "authorization"),
                            HostileText.text())
                    .as(Tuple::of)
                    .list()
                    .ofMaxSize(1);
            var twins = BuiltOnce.frequencyOf(
                    Tuple.of(19, Arbitraries.just(List.<net.jqwik.api.Tuple.Tuple2<String, String>>of())),
                    Tuple.of(1, twin));
            return Combinators.combine(
                            contentType,
                            authorization,
                            idempotencyKey,
                            origin,
                            userAgent,
                            extras,
                            twins,
                            Arbitraries.integers().between(0, 99))
                    .as((type, auth, key, from, agent, more, twinList, dice) -> {
                        var pairs = new ArrayList<Map.Entry<String, String>>();
                        type.ifPresent(v -> pairs.add(Map.entry("Content-Type", v)));
                        auth.ifPresent(v -> pairs.add(Map.entry("Authorization", v)));
                        key.ifPresent(v -> pairs.add(Map.entry("Idempotency-Key", v)));
                        from.ifPresent(v -> pairs.add(Map.entry("Origin", v)));
                        agent.ifPresent(v -> pairs.add(Map.entry("User-Agent", v)));
                        more.forEach(t -> pairs.add(Map.entry(t.get1(), t.get2())));
                        twinList.forEach(t -> pairs.add(Map.entry(t.get1(), t.get2())));
                        // A few events carry no headers at all, a few carry a header twice in the multi-value map.
                        return dice < 3 ? new Pairs(null, null) : Pairs.of(pairs, dice < 13);
                    });
        }

        private Arbitrary<Pairs> queries() {
            var known = new ArrayList<Arbitrary<List<Map.Entry<String, String>>>>();
            query.forEach((name, values) -> known.add(BuiltOnce.frequencyOf(
                    Tuple.of(80, values.map(v -> List.of(Map.entry(name, v)))),
                    Tuple.of(
                            8,
                            Combinators.combine(values, values)
                                    .as((a, b) -> List.of(Map.entry(name, a), Map.entry(name, b)))),
                    Tuple.of(7, Arbitraries.just(List.<Map.Entry<String, String>>of())),
                    Tuple.of(5, HostileText.text().map(v -> List.of(Map.entry(name, v)))))));
            known.addAll(jointQueries);
            var extras = Combinators.combine(
                            BuiltOnce.frequencyOf(
                                    Tuple.of(2, Arbitraries.of("serviceId", "from", "to", "date", "next", "limit")),
                                    Tuple.of(3, HostileText.text())),
                            HostileText.text())
                    .as(Map::entry)
                    .list()
                    .ofMaxSize(2);
            var extrasOften = BuiltOnce.frequencyOf(
                    Tuple.of(7, Arbitraries.just(List.<Map.Entry<String, String>>of())), Tuple.of(3, extras));
            return Combinators.combine(Combinators.combine(known).as(lists -> lists), extrasOften)
                    .as((lists, more) -> {
                        var pairs = new ArrayList<Map.Entry<String, String>>();
                        lists.forEach(pairs::addAll);
                        pairs.addAll(more);
                        return pairs.isEmpty() ? new Pairs(null, null) : Pairs.of(pairs, false);
                    });
        }
    }

    /** Name-value pairs as API Gateway maps them: the last value of a name, and all of them. */
    record Pairs(Map<String, String> single, Map<String, List<String>> multi) {
        static Pairs of(List<Map.Entry<String, String>> pairs, boolean repeatOne) {
            var single = new HashMap<String, String>();
            var multi = new HashMap<String, List<String>>();
            for (var pair : pairs) {
                single.put(pair.getKey(), pair.getValue());
                multi.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
            }
            if (repeatOne && !pairs.isEmpty()) {
                var first = pairs.getFirst();
                multi.get(first.getKey()).addFirst("first-of-two");
            }
            return new Pairs(single, multi);
        }
    }

    static <T> Arbitrary<Optional<T>> absentOr(Arbitrary<T> values, int absentPercent) {
        return BuiltOnce.frequencyOf(
                Tuple.of(absentPercent, Arbitraries.just(Optional.<T>empty())),
                Tuple.of(100 - absentPercent, values.map(Optional::of)));
    }

    /** Values of a path parameter: the valid ones, each spoiled, or junk. */
    static Arbitrary<String> ids(List<String> valid) {
        var junk = HostileText.text();
        if (valid.isEmpty()) {
            return junk;
        }
        return BuiltOnce.frequencyOf(
                Tuple.of(30, Arbitraries.of(valid)), Tuple.of(10, spoiled(Arbitraries.of(valid))), Tuple.of(60, junk));
    }

    /** A valid value with one thing wrong: a character changed, cut short, padded, recased, doubled. */
    static Arbitrary<String> spoiled(Arbitrary<String> valid) {
        return Combinators.combine(
                        valid,
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 999))
                .as((value, how, at) -> {
                    if (value.isEmpty()) {
                        return " ";
                    }
                    var i = at % value.length();
                    return switch (how) {
                        case 0 -> value.substring(0, i) + (char) (value.charAt(i) ^ 1) + value.substring(i + 1);
                        case 1 -> value.substring(0, i);
                        case 2 -> " " + value + "\t";
                        case 3 -> value.toUpperCase(Locale.ROOT);
                        case 4 -> value + value;
                        case 5 -> value + "\u0000";
                        case 6 -> value.substring(0, i) + "\u200B" + value.substring(i);
                        default -> value + "%00";
                    };
                });
    }

    /** {@code Authorization} values around the given manage tokens. */
    static Arbitrary<Optional<String>> authorizations(List<String> validTokens) {
        var odd = Arbitraries.of(
                "Bearer",
                "Bearer ",
                "Bearer  \t ",
                "",
                "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)),
                "Token abc",
                "Bearer Bearer x",
                "Bearer null",
                "Bearer undefined");
        var junk = BuiltOnce.frequencyOf(
                Tuple.of(5, HostileText.text().map(t -> "Bearer " + t)),
                Tuple.of(2, HostileText.text()),
                Tuple.of(
                        2,
                        Combinators.combine(
                                        HostileText.canary(),
                                        Arbitraries.strings()
                                                .withChars(
                                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                                                .ofLength(27))
                                .as((canary, rest) -> "Bearer " + canary + rest)),
                Tuple.of(1, odd));
        if (validTokens.isEmpty()) {
            return BuiltOnce.frequencyOf(
                    Tuple.of(90, junk.map(Optional::of)), Tuple.of(10, Arbitraries.just(Optional.empty())));
        }
        var valid = Arbitraries.of(validTokens);
        return BuiltOnce.frequencyOf(
                Tuple.of(35, valid.map(t -> Optional.of("Bearer " + t))),
                Tuple.of(
                        5,
                        valid.map(t -> Optional.of((t.hashCode() % 2 == 0 ? "bearer " : "BEARER   ")
                                + t
                                + (t.length() % 2 == 0 ? " " : "")))),
                Tuple.of(10, spoiled(valid).map(t -> Optional.of("Bearer " + t))),
                Tuple.of(40, junk.map(Optional::of)),
                Tuple.of(10, Arbitraries.just(Optional.empty())));
    }
}
