package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.local.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Races over HTTP: many customers book one slot at the same instant, round after round; many copies of
 * one request arrive at once. The store itself decides (one conditional transaction per booking), so
 * exactly one booking wins, the others get 409, nothing answers 5xx, and the tables hold no half of
 * anything afterwards. {@code -Dsafebook.races.rounds=N} runs a longer soak (20 rounds in CI).
 */
class RaceTest {
    private static final int ROUNDS = Integer.getInteger("safebook.races.rounds", 20);
    private static final int RACERS = 200;
    private static final int COPIES = 100;
    private static ExecutorService pool;

    /** What is answered matters here, not how fast: a round may queue on a busy 2-core machine. */
    private final ApiUnderTest api = new ApiUnderTest().waitingUpTo(Duration.ofMinutes(2));

    @BeforeAll
    static void threadsAndAWarmFunction() {
        // One thread per concurrent request: all of a round are in flight together.
        pool = Executors.newFixedThreadPool(RACERS);
        // The booking function's first request initialises it; the races measure a warm one.
        var api = new ApiUnderTest();
        assertThat(api.book(
                                "follow-up",
                                api.freeSlot("follow-up"),
                                "Wanda Warm",
                                "wanda.warm@example.com",
                                ApiUnderTest.newKey())
                        .status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void book_twoHundredCustomersForOneSlot_eachRoundExactlyOneWinsAndTheRestGet409() throws Exception {
        var statuses = new TreeMap<Integer, Integer>();
        var winners = new ArrayList<ApiUnderTest.Response>();
        var starts = new HashSet<String>();
        long started = System.nanoTime();
        var cpu = ApiUnderTest.cpuTime();
        for (int round = 0; round < ROUNDS; round++) {
            var start = api.freeSlot("consultation");
            assertThat(starts.add(start)).as("a fresh slot each round").isTrue();
            var round_ = round;
            var answers = race(
                    RACERS,
                    i -> api.book(
                            "consultation",
                            start,
                            "Racer " + i,
                            "racer-" + round_ + "-" + i + "@example.com",
                            ApiUnderTest.newKey()));
            var won = answers.stream().filter(a -> a.status() == 201).toList();
            answers.forEach(a -> statuses.merge(a.status(), 1, Integer::sum));

            assertThat(won).as("round %d: one booking", round).hasSize(1);
            assertThat(answers)
                    .as("round %d: the others are told the slot is taken", round)
                    .filteredOn(a -> a.status() != 201)
                    .hasSize(RACERS - 1)
                    .allSatisfy(a -> {
                        assertThat(a.status()).isEqualTo(409);
                        assertThat(a.json().path("type").asText()).isEqualTo("urn:safebook:problem:slot-unavailable");
                    });
            winners.add(won.getFirst());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "Races: %d rounds x %d concurrent bookings of one slot = %d requests in %d ms (%d s of CPU);"
                        + " answers %s%n",
                ROUNDS,
                RACERS,
                ROUNDS * RACERS,
                millis,
                ApiUnderTest.cpuTime().minus(cpu).toSeconds(),
                statuses);

        for (var winner : winners) {
            var read = api.get(
                    "/bookings/" + winner.json().path("bookingId").asText(),
                    Map.of(
                            "Authorization",
                            "Bearer " + winner.json().path("manageToken").asText()));
            assertThat(read.status()).isEqualTo(200);
        }
        assertThat(statuses).containsOnlyKeys(201, 409).containsEntry(201, ROUNDS);
        localStack().ifPresent(stack -> assertThat(
                        ApiUnderTest.checkInvariants(stack).violations())
                .isEmpty());
    }

    @Test
    void book_hundredCopiesOfOneRequestAtOnce_oneBookingAndIdenticalAnswers() throws Exception {
        var start = api.freeSlot("follow-up");
        var key = ApiUnderTest.newKey();
        long started = System.nanoTime();
        var cpu = ApiUnderTest.cpuTime();

        var answers = race(COPIES, i -> api.book("follow-up", start, "Ida Idem", "ida.idem@example.com", key));

        System.out.printf(
                "Idempotency: %d identical requests at once in %d ms (%d s of CPU)%n",
                COPIES,
                (System.nanoTime() - started) / 1_000_000,
                ApiUnderTest.cpuTime().minus(cpu).toSeconds());
        var first = answers.getFirst();
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(first.status());
            assertThat(a.body()).isEqualTo(first.body());
        });
        var bookingId = first.json().path("bookingId").asText();
        localStack().ifPresent(stack -> {
            try (var dynamoDb = ApiUnderTest.rawDynamoDb(stack)) {
                var bookingsOfTheSlot = dynamoDb
                        .scanPaginator(r -> r.tableName("BookingsTable")
                                .filterExpression("begins_with(pk, :booking) AND serviceId = :service")
                                .expressionAttributeValues(Map.of(
                                        ":booking",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("BOOKING#"),
                                        ":service",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                                "follow-up"))))
                        .items()
                        .stream()
                        .filter(item -> java.time.OffsetDateTime.parse(start)
                                .toInstant()
                                .toString()
                                .equals(item.get("start").s()))
                        .map(item -> item.get("bookingId").s())
                        .toList();
                assertThat(bookingsOfTheSlot).containsExactly(bookingId);
            }
            assertThat(ApiUnderTest.checkInvariants(stack).violations()).isEmpty();
        });
    }

    /** Sends {@code count} requests at the same instant (a latch holds them until all are ready). */
    private static List<ApiUnderTest.Response> race(int count, Request request) throws Exception {
        var ready = new CountDownLatch(count);
        var go = new CountDownLatch(1);
        var futures = new ArrayList<Future<ApiUnderTest.Response>>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit((Callable<ApiUnderTest.Response>) () -> {
                ready.countDown();
                go.await();
                return request.send(index);
            }));
        }
        ready.await();
        go.countDown();
        var answers = new ArrayList<ApiUnderTest.Response>();
        for (var future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    @FunctionalInterface
    private interface Request {
        ApiUnderTest.Response send(int index);
    }

    private static java.util.Optional<LocalStack> localStack() {
        return ApiUnderTest.localStack();
    }
}
