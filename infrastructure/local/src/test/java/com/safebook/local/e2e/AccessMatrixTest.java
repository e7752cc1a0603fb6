package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.safebook.core.fake.MutableClock;
import com.safebook.local.LocalStack;
import com.safebook.local.aws.AwsEndpoint;
import com.safebook.local.cognito.LocalCognito;
import com.safebook.local.cognito.StaffSignIn;
import com.safebook.local.cognito.TemplateUserPool;
import com.safebook.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of template.yaml with every kind of caller, over HTTP through the local stack's API
 * stand-in (its Cognito authorizer) and the real functions: the status each cell must answer, and that
 * the answer shows no personal data of anyone but whom it may. The routes come from the template, so a
 * route added there without a row here fails.
 *
 * <p>Two customers take part in each cell: the <em>owner</em>, whose booking is the one in the path, and
 * <em>another</em> customer. {@link Identity#ANOTHER_CUSTOMERS_TOKEN} on the owner's booking is the
 * path-parameter IDOR. Calls that change something (cancel, erase) get a fresh pair each, and afterwards
 * both bookings are read back: a refused call must have changed nothing.
 *
 * <p>The stack runs on a clock the test moves, so that a token the pool really issued can expire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    private static final Logger LOG = LoggerFactory.getLogger(AccessMatrixTest.class);
    private static final Path TEMPLATE = Path.of("../../template.yaml");
    private static final String SERVICE = "follow-up";

    /** Who calls, by what the {@code Authorization} header carries. */
    enum Identity {
        /** No header. */
        NONE,
        /** {@code Bearer not-a-token}. */
        GARBAGE,
        /** An administrator's claims, signed by another RSA key under the pool's key id. */
        FORGED_SIGNATURE,
        /** An administrator's claims, unsigned ({@code "alg":"none"}). */
        UNSIGNED,
        /** An administrator's claims, signed HS256 with the pool's public key as the secret. */
        HMAC_WITH_THE_POOLS_PUBLIC_KEY,
        /** An administrator's id token from the pool, 16 minutes after it was issued (it lives 15). */
        EXPIRED_ADMIN,
        /** An administrator's id token from another pool of the same template (another stage). */
        OTHER_POOLS_ADMIN,
        /** Signed in, in no group. */
        NO_GROUP,
        STAFF,
        ADMIN,
        AUDITOR,
        /** The owner's manage token. */
        OWN_MANAGE_TOKEN,
        /** Another customer's manage token. */
        ANOTHER_CUSTOMERS_TOKEN,
        /** The owner's token with its last character outside base64url. */
        MALFORMED_MANAGE_TOKEN;

        boolean signedIn() {
            return this == NO_GROUP || this == STAFF || this == ADMIN || this == AUDITOR;
        }
    }

    /** Who may call a route. */
    enum Access {
        /** Anyone: the function ignores the header. */
        PUBLIC,
        /** The manage token of the booking in the path. */
        BOOKING_OWNER,
        /** Any customer's manage token: the call is about whoever holds it. */
        TOKEN_HOLDER,
        /** A valid id token of the staff pool (else 401), in one of the route's groups (else 403). */
        STAFF
    }

    /** Whose personal data a successful answer shows; nobody else's may appear in any answer. */
    enum Shows {
        NOBODY,
        OWNER,
        TOKEN_HOLDER,
        OWNER_AND_ANOTHER
    }

    /** What a successful call changes; a refused one changes nothing. */
    enum Effect {
        NONE,
        CANCELS_THE_OWNERS_BOOKING,
        ERASES_THE_TOKEN_HOLDER,
        ERASES_THE_OWNER
    }

    record Person(String name, String email, String phone, String bookingId, String manageToken, String start) {}

    /** The owner of the booking a route's path names, and another customer. */
    record Pair(Person owner, Person another) {
        List<Person> both() {
            return List.of(owner, another);
        }
    }

    @FunctionalInterface
    interface Call {
        ApiUnderTest.Response send(AccessMatrixTest test, Pair pair, Map<String, String> headers);
    }

    /** One route's row: who may call it, its success status, what it shows and changes, and the call. */
    record Row(String route, Access access, Set<Identity> groups, int success, Shows shows, Effect effect, Call call) {
        int expected(Identity identity) {
            return switch (access) {
                case PUBLIC -> success;
                case BOOKING_OWNER -> identity == Identity.OWN_MANAGE_TOKEN ? success : 404;
                case TOKEN_HOLDER ->
                    identity == Identity.OWN_MANAGE_TOKEN || identity == Identity.ANOTHER_CUSTOMERS_TOKEN
                            ? success
                            : 404;
                case STAFF -> !identity.signedIn() ? 401 : groups.contains(identity) ? success : 403;
            };
        }
    }

    private static Row open(String route, int success, Call call) {
        return new Row(route, Access.PUBLIC, Set.of(), success, Shows.NOBODY, Effect.NONE, call);
    }

    private static Row customer(String route, Access access, int success, Shows shows, Effect effect, Call call) {
        return new Row(route, access, Set.of(), success, shows, effect, call);
    }

    private static Row staff(String route, Set<Identity> groups, int success, Shows shows, Effect effect, Call call) {
        return new Row(route, Access.STAFF, groups, success, shows, effect, call);
    }

    private static final Set<Identity> STAFF_AND_ADMIN = Set.of(Identity.STAFF, Identity.ADMIN);
    private static final Set<Identity> ADMIN_ONLY = Set.of(Identity.ADMIN);
    private static final Set<Identity> AUDITOR_ONLY = Set.of(Identity.AUDITOR);

    /** The matrix: one row per route, as README's tables and the functions' role checks say. */
    private static final Map<String, Row> ROWS = rows(
            open("GET /services", 200, (t, p, h) -> t.api.get("/services", h)),
            open("GET /availability", 200, (t, p, h) -> t.api.get(t.availability(p), h)),
            open("POST /bookings", 201, (t, p, h) -> t.api.post("/bookings", t.newcomersBooking(), t.toBook(h))),
            open("GET /consent-purposes", 200, (t, p, h) -> t.api.get("/consent-purposes", h)),
            customer(
                    "GET /bookings/{bookingId}",
                    Access.BOOKING_OWNER,
                    200,
                    Shows.OWNER,
                    Effect.NONE,
                    (t, p, h) -> t.api.get("/bookings/" + p.owner().bookingId(), h)),
            customer(
                    "DELETE /bookings/{bookingId}",
                    Access.BOOKING_OWNER,
                    200,
                    Shows.OWNER,
                    Effect.CANCELS_THE_OWNERS_BOOKING,
                    (t, p, h) -> t.api.delete("/bookings/" + p.owner().bookingId(), h)),
            customer(
                    "GET /me/data",
                    Access.TOKEN_HOLDER,
                    200,
                    Shows.TOKEN_HOLDER,
                    Effect.NONE,
                    (t, p, h) -> t.api.get("/me/data", h)),
            customer(
                    "POST /erasure-requests",
                    Access.TOKEN_HOLDER,
                    201,
                    Shows.NOBODY,
                    Effect.ERASES_THE_TOKEN_HOLDER,
                    (t, p, h) -> t.api.post("/erasure-requests", "", h)),
            customer(
                    "GET /consents",
                    Access.TOKEN_HOLDER,
                    200,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.get("/consents", h)),
            customer(
                    "PUT /consents/{purpose}",
                    Access.TOKEN_HOLDER,
                    200,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.put("/consents/marketing-email", "{\"granted\":false}", t.json(h))),
            staff(
                    "GET /staff/bookings",
                    STAFF_AND_ADMIN,
                    200,
                    Shows.OWNER_AND_ANOTHER,
                    Effect.NONE,
                    (t, p, h) -> t.api.get(
                            "/staff/bookings?date=" + p.owner().start().substring(0, 10), h)),
            staff(
                    "GET /staff/bookings/{bookingId}",
                    STAFF_AND_ADMIN,
                    200,
                    Shows.OWNER,
                    Effect.NONE,
                    (t, p, h) -> t.api.get("/staff/bookings/" + p.owner().bookingId(), h)),
            staff(
                    "POST /staff/bookings/{bookingId}/cancel",
                    STAFF_AND_ADMIN,
                    200,
                    Shows.NOBODY,
                    Effect.CANCELS_THE_OWNERS_BOOKING,
                    (t, p, h) -> t.api.post("/staff/bookings/" + p.owner().bookingId() + "/cancel", "", h)),
            staff(
                    "POST /staff/services",
                    ADMIN_ONLY,
                    201,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.post("/staff/services", serviceBody(t.newServiceId()), t.json(h))),
            staff(
                    "PUT /staff/services/{serviceId}",
                    ADMIN_ONLY,
                    201,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.put("/staff/services/" + t.newServiceId(), serviceBody(null), t.json(h))),
            staff(
                    "POST /staff/erasures",
                    ADMIN_ONLY,
                    201,
                    Shows.NOBODY,
                    Effect.ERASES_THE_OWNER,
                    (t, p, h) -> t.api.post(
                            "/staff/erasures", "{\"email\":\"" + p.owner().email() + "\"}", t.json(h))),
            staff(
                    "GET /staff/audit",
                    AUDITOR_ONLY,
                    200,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.get("/staff/audit?" + t.lastHour(), h)),
            staff(
                    "POST /staff/audit/digests",
                    Set.of(Identity.AUDITOR, Identity.ADMIN),
                    200,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.post("/staff/audit/digests", "", h)),
            staff(
                    "GET /staff/audit/digests",
                    AUDITOR_ONLY,
                    200,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.get("/staff/audit/digests?" + t.lastHour(), h)),
            staff(
                    "GET /staff/audit/verify",
                    AUDITOR_ONLY,
                    200,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.get("/staff/audit/verify?" + t.lastHour(), h)),
            staff(
                    "GET /staff/audit/public-key",
                    AUDITOR_ONLY,
                    200,
                    Shows.NOBODY,
                    Effect.NONE,
                    (t, p, h) -> t.api.get("/staff/audit/public-key", h)));

    private final ApiUnderTest api = new ApiUnderTest();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Map<Identity, String> idTokens = new EnumMap<>(Identity.class);
    private final Deque<String> slots = new ArrayDeque<>();
    private final AtomicInteger people = new AtomicInteger();
    private final Map<Integer, Integer> cellsByStatus = new TreeMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private AwsEndpoint otherPoolsEndpoint;
    private Pair shared;
    private long started;

    @BeforeAll
    void setUp() throws Exception {
        var local = ApiUnderTest.localStack(clock);
        assumeTrue(local.isPresent(), "needs the local stack in this JVM: its user pool, on a clock the test moves");
        var stack = local.get();
        try (var signIn = StaffSignIn.of(stack, clock)) {
            // The administrator's first token, then (an id token lives 15 minutes) a later sign-in's.
            idTokens.put(
                    Identity.EXPIRED_ADMIN,
                    signIn.firstSignIn("admin-" + run, "admin").idToken());
            clock.advance(Duration.ofMinutes(16));
            idTokens.put(Identity.ADMIN, signIn.signIn("admin-" + run).idToken());
            idTokens.put(Identity.NO_GROUP, signIn.firstSignIn("nogroup-" + run).idToken());
            idTokens.put(
                    Identity.STAFF, signIn.firstSignIn("staff-" + run, "staff").idToken());
            idTokens.put(
                    Identity.AUDITOR,
                    signIn.firstSignIn("auditor-" + run, "auditor").idToken());
        }
        var admin = SignedJWT.parse(idTokens.get(Identity.ADMIN));
        idTokens.put(Identity.GARBAGE, "not-a-token");
        idTokens.put(Identity.FORGED_SIGNATURE, forgedSignature(admin));
        idTokens.put(Identity.UNSIGNED, new PlainJWT(admin.getJWTClaimsSet()).serialize());
        idTokens.put(Identity.HMAC_WITH_THE_POOLS_PUBLIC_KEY, hmacWithThePoolsPublicKey(admin));
        idTokens.put(Identity.OTHER_POOLS_ADMIN, otherPoolsAdmin());

        var from = LocalDate.now().plusDays(2);
        api.get("/availability?serviceId=" + SERVICE + "&from=" + from + "&to=" + from.plusDays(27))
                .json()
                .path("slots")
                .forEach(slot -> slots.add(slot.path("start").asText()));
        shared = pairOnOneDay();
        started = System.nanoTime();
    }

    @AfterAll
    void tearDown() {
        if (otherPoolsEndpoint != null) {
            otherPoolsEndpoint.close();
        }
        LOG.info(
                "Access matrix: {} routes x {} identities = {} cells in {} s; cells by expected status {}",
                ROWS.size(),
                Identity.values().length,
                cellsByStatus.values().stream().mapToInt(Integer::intValue).sum(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9),
                cellsByStatus);
    }

    static Stream<Arguments> cells() throws IOException {
        var cells = new ArrayList<Arguments>();
        for (var route : templateRoutes()) {
            var row = ROWS.get(route);
            for (var identity : Identity.values()) {
                cells.add(Arguments.of(route, identity, row == null ? 0 : row.expected(identity)));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cells")
    void route_identity_answersAsDesignedAndShowsNobodyElsesData(String route, Identity identity, int expected) {
        var row = ROWS.get(route);
        assertThat(row)
                .as("the access matrix has no row for " + route + ": add one")
                .isNotNull();
        var pair = row.effect() == Effect.NONE ? shared : freshPair();

        var response = row.call().send(this, pair, authorization(identity, pair));

        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        boolean succeeded = expected < 300;
        if (!succeeded) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("type").asText()).isEqualTo(problemType(expected));
        }
        assertShowsOnly(response, succeeded ? shown(row, identity, pair) : List.of(), pair);
        assertEffect(row, identity, succeeded, pair);
        synchronized (cellsByStatus) {
            cellsByStatus.merge(expected, 1, Integer::sum);
        }
    }

    @Test
    void rows_everyOne_isARouteOfTheTemplate() throws IOException {
        assertThat(ROWS.keySet()).containsExactlyInAnyOrderElementsOf(templateRoutes());
    }

    /**
     * The 401s of the matrix are each refused for its own reason, as the stand-in logs it (never the token):
     * not, say, every token for want of a key. The log is the one this JVM's tests write.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "NONE, no token",
        "GARBAGE, not a signed JWT",
        "UNSIGNED, not a signed JWT",
        "FORGED_SIGNATURE, bad signature",
        "HMAC_WITH_THE_POOLS_PUBLIC_KEY, algorithm is not RS256",
        "EXPIRED_ADMIN, expired",
        "OTHER_POOLS_ADMIN, unknown signing key",
        "OWN_MANAGE_TOKEN, not a signed JWT"
    })
    void staffRoute_tokenThatIsNotAValidIdToken_isRefusedForItsOwnReason(Identity identity, String reason)
            throws IOException {
        var before = Files.readAllLines(ApiUnderTest.LOCAL_STACK_LOG).size();

        var response = api.get("/staff/audit/public-key", authorization(identity, shared));

        assertThat(response.status()).isEqualTo(401);
        var refusals = Files.readAllLines(ApiUnderTest.LOCAL_STACK_LOG).stream()
                .skip(before)
                .filter(line -> line.contains("GET /staff/audit/public-key refused by StaffAuthorizer"))
                .toList();
        assertThat(refusals).singleElement().satisfies(line -> assertThat(line).endsWith(": " + reason));
    }

    private static String problemType(int status) {
        return "urn:safebook:problem:"
                + switch (status) {
                    case 401 -> "unauthorized";
                    case 403 -> "forbidden";
                    case 404 -> "booking-not-found";
                    default -> throw new IllegalArgumentException("No refusal of " + status + " in the matrix");
                };
    }

    private static List<Person> shown(Row row, Identity identity, Pair pair) {
        return switch (row.shows()) {
            case NOBODY -> List.of();
            case OWNER -> List.of(pair.owner());
            case TOKEN_HOLDER -> List.of(identity == Identity.OWN_MANAGE_TOKEN ? pair.owner() : pair.another());
            case OWNER_AND_ANOTHER -> pair.both();
        };
    }

    /** The people of {@code shown} appear in the answer; the pair's other people and tokens never do. */
    private static void assertShowsOnly(ApiUnderTest.Response response, List<Person> shown, Pair pair) {
        var body = response.body();
        for (var person : pair.both()) {
            if (shown.contains(person)) {
                assertThat(body).contains(person.name()).containsIgnoringCase(person.email());
            } else {
                assertThat(body)
                        .doesNotContain(person.name())
                        .doesNotContainIgnoringCase(person.email())
                        .doesNotContain(person.phone());
            }
            assertThat(body).doesNotContain(person.manageToken());
        }
    }

    /** Reads both bookings back with their own tokens: changed as the call may, or not at all. */
    private void assertEffect(Row row, Identity identity, boolean succeeded, Pair pair) {
        if (row.effect() == Effect.NONE) {
            return;
        }
        var owner = "CONFIRMED";
        var another = "CONFIRMED";
        if (succeeded) {
            switch (row.effect()) {
                case CANCELS_THE_OWNERS_BOOKING -> owner = "CANCELLED";
                case ERASES_THE_OWNER -> owner = "ERASED";
                case ERASES_THE_TOKEN_HOLDER -> {
                    if (identity == Identity.OWN_MANAGE_TOKEN) {
                        owner = "ERASED";
                    } else {
                        another = "ERASED";
                    }
                }
                case NONE -> throw new IllegalStateException();
            }
        }
        assertThat(state(pair.owner())).as("the owner's booking").isEqualTo(owner);
        assertThat(state(pair.another())).as("the other customer's booking").isEqualTo(another);
    }

    private String state(Person person) {
        var read = api.get("/bookings/" + person.bookingId(), bearer(person.manageToken()));
        return read.status() == 404 ? "ERASED" : read.json().path("status").asText();
    }

    private Map<String, String> authorization(Identity identity, Pair pair) {
        return switch (identity) {
            case NONE -> Map.of();
            case OWN_MANAGE_TOKEN -> bearer(pair.owner().manageToken());
            case ANOTHER_CUSTOMERS_TOKEN -> bearer(pair.another().manageToken());
            case MALFORMED_MANAGE_TOKEN -> {
                var token = pair.owner().manageToken();
                yield bearer(token.substring(0, token.length() - 1) + "*");
            }
            default -> bearer(idTokens.get(identity));
        };
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private Map<String, String> json(Map<String, String> headers) {
        var all = new HashMap<String, String>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }

    private Map<String, String> toBook(Map<String, String> headers) {
        var all = json(headers);
        all.put("Idempotency-Key", ApiUnderTest.newKey());
        return all;
    }

    private String availability(Pair pair) {
        var day = pair.owner().start().substring(0, 10);
        return "/availability?serviceId=" + SERVICE + "&from=" + day + "&to=" + day;
    }

    private String lastHour() {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return "from=" + now.minus(Duration.ofHours(1)) + "&to=" + now.plus(Duration.ofMinutes(5));
    }

    private String newServiceId() {
        return "matrix-" + letters(people.incrementAndGet()) + "-" + run;
    }

    /** A booking by someone who is neither of the pair, for the public route that books. */
    private String newcomersBooking() {
        var who = letters(people.incrementAndGet());
        return bookingBody(nextSlot(), "Newcomer Person " + who, "newcomer." + who + "@example.test", null);
    }

    private Pair freshPair() {
        return new Pair(book("Ottoline Fairbrass", "0111"), book("Benedikt Quellwasser", "0999"));
    }

    /** The pair every cell that changes nothing shares, booked on one day for the staff's day view. */
    private synchronized Pair pairOnOneDay() {
        var list = new ArrayList<>(slots);
        for (int i = 0; i + 1 < list.size(); i++) {
            if (list.get(i).substring(0, 10).equals(list.get(i + 1).substring(0, 10))) {
                var first = list.get(i);
                var second = list.get(i + 1);
                slots.remove(first);
                slots.remove(second);
                return new Pair(
                        book("Ottoline Fairbrass", "0111", first), book("Benedikt Quellwasser", "0999", second));
            }
        }
        throw new IllegalStateException("No day with two free slots of " + SERVICE);
    }

    private Person book(String name, String phoneEnd) {
        return book(name, phoneEnd, nextSlot());
    }

    /** Books {@code start} for a person whose name and email no other cell's people share. */
    private Person book(String name, String phoneEnd, String start) {
        var who = letters(people.incrementAndGet());
        var fullName = name + " " + who;
        var email =
                name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "." + who + "." + run + "@matrix.example";
        var phone = "+44 20 7946 " + phoneEnd;
        var booked = api.post(
                "/bookings",
                bookingBody(start, fullName, email, phone),
                Map.of("Content-Type", "application/json", "Idempotency-Key", ApiUnderTest.newKey()));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        return new Person(
                fullName,
                email,
                phone,
                booked.json().path("bookingId").asText(),
                booked.json().path("manageToken").asText(),
                start);
    }

    private synchronized String nextSlot() {
        var slot = slots.pollFirst();
        if (slot == null) {
            throw new IllegalStateException("Out of free slots of " + SERVICE);
        }
        return slot;
    }

    private static String bookingBody(String start, String name, String email, String phone) {
        return "{\"serviceId\":\"" + SERVICE + "\",\"start\":\"" + start + "\",\"customer\":{\"name\":\"" + name
                + "\",\"email\":\"" + email + "\"" + (phone == null ? "" : ",\"phone\":\"" + phone + "\"") + "}}";
    }

    private static String serviceBody(String serviceId) {
        return "{" + (serviceId == null ? "" : "\"serviceId\":\"" + serviceId + "\",")
                + "\"name\":\"Matrix check\",\"durationMinutes\":30,\"resourceId\":\"matrix-room\","
                + "\"timeZone\":\"Europe/Berlin\",\"openingHours\":{\"MONDAY\":[{\"opens\":\"09:00\",\"closes\":\"12:00\"}]}}";
    }

    /** 1 is "a", 27 is "ba": names and ids without digits, unique per call. */
    private static String letters(int n) {
        var out = new StringBuilder();
        int rest = n;
        do {
            out.insert(0, (char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return out.toString();
    }

    private static Map<String, Row> rows(Row... rows) {
        var byRoute = new LinkedHashMap<String, Row>();
        for (var row : rows) {
            if (byRoute.put(row.route(), row) != null) {
                throw new IllegalStateException("Two rows for " + row.route());
            }
        }
        return byRoute;
    }

    /** Every route of template.yaml, as {@code "<METHOD> <path>"}. */
    private static List<String> templateRoutes() throws IOException {
        try (var in = Files.newInputStream(TEMPLATE)) {
            return SamTemplate.read(in, Map.of()).functions().stream()
                    .flatMap(function -> function.routes().stream())
                    .map(route -> route.method() + " " + route.path())
                    .sorted()
                    .toList();
        }
    }

    /** The administrator's claims under a signature of another key that names the pool's key id. */
    private static String forgedSignature(SignedJWT genuine) throws JOSEException, ParseException {
        var other =
                new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        var forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(genuine.getHeader().getKeyID())
                        .build(),
                genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(other));
        return forged.serialize();
    }

    /** The classic algorithm confusion: HS256 with the RSA public key, which anyone can fetch, as the secret. */
    private static String hmacWithThePoolsPublicKey(SignedJWT genuine) throws Exception {
        String jwks;
        try (var http = HttpClient.newHttpClient()) {
            jwks = http.send(
                            HttpRequest.newBuilder(URI.create(
                                            genuine.getJWTClaimsSet().getIssuer() + "/.well-known/jwks.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
        var key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(genuine.getHeader().getKeyID());
        var confused = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(genuine.getHeader().getKeyID())
                        .build(),
                genuine.getJWTClaimsSet());
        confused.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
        return confused.serialize();
    }

    /**
     * An administrator of another pool made from the same template for another stage, on an endpoint of its
     * own: the same groups and settings, its own key and issuer.
     */
    private String otherPoolsAdmin() throws IOException {
        SamTemplate template;
        try (var in = Files.newInputStream(TEMPLATE)) {
            template = SamTemplate.read(
                    in,
                    Map.of(
                            "AWS::Region", LocalStack.REGION,
                            "AWS::AccountId", LocalStack.ACCOUNT,
                            "AWS::Partition", "aws",
                            "AWS::StackName", "safebook-other",
                            "Stage", "other"));
        }
        var pool = TemplateUserPool.read(template).orElseThrow();
        otherPoolsEndpoint = new AwsEndpoint("127.0.0.1", 0, Optional.empty());
        var cognito =
                new LocalCognito(pool.config(), LocalStack.REGION, otherPoolsEndpoint.url(), Optional.empty(), clock);
        otherPoolsEndpoint.register(cognito).registerPath(cognito::jwksAt);
        otherPoolsEndpoint.start();
        try (var signIn = StaffSignIn.at(
                otherPoolsEndpoint.url(),
                cognito.userPoolId(),
                cognito.clientId(pool.config().appClients().getFirst()),
                clock)) {
            return signIn.firstSignIn("admin-" + run, "admin").idToken();
        }
    }
}
