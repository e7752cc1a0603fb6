package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.core.booking.ManageToken;
import com.safebook.core.security.SecureIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guessing, over HTTP and in parallel: 10,000 random booking ids (half in the format the system issues, half
 * garbage), with a real customer's token or a random one, and 10,000 random manage tokens in the format the
 * system issues, on every route that takes one. Not one finds anything: every answer is the same 404, and the
 * real customer's booking is untouched afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnguessableReferencesTest {
    private static final Logger LOG = LoggerFactory.getLogger(UnguessableReferencesTest.class);
    private static final int PROBES = 10_000;
    private static final int IN_FLIGHT = 32;
    private static final String NOT_FOUND = "404 urn:safebook:problem:booking-not-found";

    private final ApiUnderTest api = new ApiUnderTest();
    /** Ids and tokens made as the system makes them: 128-bit ids in base32, 256-bit tokens in base64url. */
    private final SecureIds ids = new SecureIds();

    private String bookingId;
    private String manageToken;

    @BeforeAll
    void book() {
        var booked = api.book(
                        "follow-up",
                        api.freeSlot("follow-up"),
                        "Genoveva Unguessable",
                        "genoveva.unguessable@example.test",
                        ApiUnderTest.newKey())
                .json();
        bookingId = booked.path("bookingId").asText();
        manageToken = booked.path("manageToken").asText();
        assertThat(bookingId).hasSize(ids.id128().length());
        assertThat(manageToken).hasSize(ManageToken.generate(ids).length());
    }

    @Test
    void randomBookingIds_issuedFormatOrGarbage_withTheRealTokenOrARandomOne_findNothing() {
        var outcomes = probe(i -> {
            var id = i % 2 == 0 ? ids.id128() : garbage();
            var token = i % 4 < 2 ? manageToken : ManageToken.generate(ids);
            return api.get("/bookings/" + percentEncoded(id), bearer(token));
        });

        assertThat(outcomes).containsExactly(Map.entry(NOT_FOUND, PROBES));
        assertUntouched();
    }

    @Test
    void randomManageTokens_onEveryRouteThatTakesOne_findNothing() {
        List<IntFunction<ApiUnderTest.Response>> routes = List.of(
                i -> api.get("/bookings/" + bookingId, bearer(ManageToken.generate(ids))),
                i -> api.delete("/bookings/" + bookingId, bearer(ManageToken.generate(ids))),
                i -> api.get("/me/data", bearer(ManageToken.generate(ids))),
                i -> api.post("/erasure-requests", "", bearer(ManageToken.generate(ids))),
                i -> api.get("/consents", bearer(ManageToken.generate(ids))),
                i -> api.put(
                        "/consents/marketing-email",
                        "{\"granted\":false}",
                        Map.of(
                                "Authorization",
                                "Bearer " + ManageToken.generate(ids),
                                "Content-Type",
                                "application/json")));

        var outcomes = probe(i -> routes.get(i % routes.size()).apply(i));

        assertThat(outcomes).containsExactly(Map.entry(NOT_FOUND, PROBES));
        assertUntouched();
    }

    /** The real customer still reads their booking, confirmed: no probe cancelled or erased it. */
    private void assertUntouched() {
        var read = api.get("/bookings/" + bookingId, bearer(manageToken));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("status").asText()).isEqualTo("CONFIRMED");
    }

    /** Sends {@link #PROBES} requests, {@link #IN_FLIGHT} at a time; counts the answers by status and problem type. */
    private Map<String, Integer> probe(IntFunction<ApiUnderTest.Response> request) {
        var outcomes = new ConcurrentHashMap<String, Integer>();
        var inFlight = new Semaphore(IN_FLIGHT);
        long started = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < PROBES; i++) {
                inFlight.acquireUninterruptibly();
                int probe = i;
                executor.submit(() -> {
                    try {
                        var response = request.apply(probe);
                        var type = response.contentType().startsWith("application/problem+json")
                                ? response.json().path("type").asText()
                                : response.contentType();
                        outcomes.merge(response.status() + " " + type, 1, Integer::sum);
                    } catch (RuntimeException e) {
                        outcomes.merge("failed " + e.getClass().getSimpleName(), 1, Integer::sum);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(
                "{} probes, {} in flight: {} s ({} requests/s); answers {}",
                PROBES,
                IN_FLIGHT,
                String.format("%.1f", seconds),
                Math.round(PROBES / seconds),
                new TreeMap<>(outcomes));
        return outcomes;
    }

    /** 1 to 100 characters of any script, punctuation and controls included (but no lone surrogates). */
    private static String garbage() {
        var random = ThreadLocalRandom.current();
        var out = new StringBuilder();
        int length = random.nextInt(1, 101);
        while (out.length() < length) {
            int codePoint =
                    switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x20, 0x7F);
                        case 1 -> random.nextInt(0x00, 0x20);
                        case 2 -> random.nextInt(0xA0, 0x3000);
                        default -> random.nextInt(0x1F300, 0x1F650);
                    };
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    /** Every byte but letters and digits as %XX, so that the id stays one path segment. */
    private static String percentEncoded(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
