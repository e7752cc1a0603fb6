package com.safebook.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.bench.measure.BookingCost;
import com.safebook.bench.measure.ColdStarts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final Machine MACHINE = new Machine(2, "Test CPU", 8L << 30, "JDK 25", "Linux");

    @Test
    void render_coldStarts_ratioIsTheMedianTotalOverTheFloorsAndTheTargetIsChecked() {
        var cold = new ArrayList<ColdStarts.Sample>();
        for (int round = 0; round < 3; round++) {
            cold.add(sample("floor", round, 400 + round, 100));
            cold.add(sample("booking", round, 500 + round, 150));
        }

        var markdown = MarkdownReport.render(results(cold, List.of()), "cold-start.sh");

        assertThat(markdown)
                .contains(
                        "| floor | PutItem | 7.3 MB | 401 ms | 402 ms | 100 ms | 100 ms | 501 ms | 502 ms | 1.00 | 1.00 |")
                .contains(
                        "| booking | POST /bookings | 18.0 MB | 501 ms | 502 ms | 150 ms | 150 ms | 651 ms | 652 ms | 1.30 | 1.30 |")
                .contains(
                        "| cold start (init + first) ≤ 1.3 × floor, every function | worst 1.30 × (booking); by rounds 1.30 × | yes |")
                .contains("`cold-start.sh`");
    }

    @Test
    void render_costPerBooking_checksOneWriteAndTheKmsBudgetOfReturningCustomers() {
        var cost = List.of(
                new BookingCost.PerBooking(
                        "POST /bookings, new customer",
                        20,
                        Map.of("GetItem", 2.0, "TransactWriteItems", 1.0),
                        24,
                        2,
                        7,
                        Map.of("GenerateDataKey", 1.0),
                        Map.of("BookingsTable", new BookingCost.Stored(4, 1383)),
                        Optional.empty()),
                new BookingCost.PerBooking(
                        "POST /bookings, returning customer (seen by this instance)",
                        20,
                        Map.of("GetItem", 1.0, "TransactWriteItems", 1.0, "PutItem", 0.5),
                        30,
                        1,
                        7,
                        Map.of("Decrypt", 0.05),
                        Map.of(),
                        Optional.empty()));

        var markdown = MarkdownReport.render(results(List.of(), cost), "x");

        assertThat(markdown)
                .contains("| one DynamoDB write request per booking: POST /bookings, new customer | 1 | yes |")
                .contains("returning customer (seen by this instance) | 1.50 | **no** |")
                .contains("| ≤ 0.1 KMS requests per booking, returning customers, warm function | 0.05 | yes |")
                .contains("BookingsTable: 4, 1383 B");
    }

    @Test
    void render_warmBookingsWithoutReplays_checkEachAgainstTwiceTheBareTableReference() {
        var results = withWarm(
                Optional.of(new Results.Reference("TransactWriteItems, 8 puts", stats(5.5), stats(6.0))), Map.of());

        var markdown = MarkdownReport.render(results, "x");

        assertThat(markdown)
                .contains(
                        "| warm booking p50 ≤ 2 × one TransactWriteItems round trip: POST /bookings, returning customer"
                                + " (seen by this instance) | 9.8 ms / 5.5 ms = 1.78 × (bare table) | yes |")
                .contains("| warm booking p50 ≤ 2 × one TransactWriteItems round trip: POST /bookings, new customer"
                        + " | 17.7 ms / 5.5 ms = 3.22 × (bare table) | **no** |")
                .contains("| reference (bare table) | TransactWriteItems, 8 puts, the call alone | 1000 | 5.5 ms |");
    }

    @Test
    void render_warmBookingsWithReplays_checkEachAgainstTheReplayAlongsideAndShowTheBareTableBeside() {
        var replays = Map.of(
                "POST /bookings, new customer",
                new Results.Reference("TransactWriteItems, a new customer's transaction", stats(9.0), stats(9.5)),
                "POST /bookings, returning customer (seen by this instance)",
                new Results.Reference("TransactWriteItems, a new customer's transaction", stats(4.0), stats(4.5)));
        var results = withWarm(
                Optional.of(new Results.Reference("TransactWriteItems, 8 puts", stats(5.5), stats(6.0))), replays);

        var markdown = MarkdownReport.render(results, "x");

        assertThat(markdown)
                .contains("| warm booking p50 ≤ 2 × one TransactWriteItems round trip: POST /bookings, new customer"
                        + " | 17.7 ms / 9.0 ms = 1.97 × (a booking's transaction replayed alongside); bare table 5.5 ms:"
                        + " 3.22 × | yes |")
                .contains("(seen by this instance) | 9.8 ms / 4.0 ms = 2.45 × (a booking's transaction replayed "
                        + "alongside); bare table 5.5 ms: 1.78 × | **no** |")
                .contains(
                        "| reference (replay, alongside new customer) | TransactWriteItems, a new customer's transaction,"
                                + " the call alone | 1000 | 9.0 ms |")
                .contains(
                        "| reference (bare table) | TransactWriteItems, 8 puts, the whole invocation | 1000 | 6.0 ms |");
    }

    @Test
    void render_transactionShapes_listsEachShapeInTheOrderMeasured() {
        var shapes = new java.util.LinkedHashMap<String, Stats>();
        shapes.put("8 puts, a table with a key alone", stats(4.4));
        shapes.put("8 puts, the bookings table (its two indexes, its stream)", stats(6.6));
        var base = results(List.of(), List.of());
        var results = new Results(
                base.machine(),
                base.started(),
                base.elapsed(),
                base.samples(),
                base.warmInvocations(),
                base.launch(),
                base.functions(),
                base.coldRequests(),
                base.cold(),
                base.aotCacheBytes(),
                base.warm(),
                base.transaction(),
                base.replays(),
                shapes,
                base.cost(),
                base.jarBytes());

        var markdown = MarkdownReport.render(results, "x");

        assertThat(markdown)
                .contains("### What a transaction's shape costs this DynamoDB")
                .contains("| 8 puts, a table with a key alone | 1000 | 4.4 ms | 4.4 ms | 4.4 ms |\n"
                        + "| 8 puts, the bookings table (its two indexes, its stream) | 1000 | 6.6 ms |");
    }

    private static Results withWarm(Optional<Results.Reference> bare, Map<String, Results.Reference> replays) {
        var warm = Map.of(
                "booking",
                Map.of(
                        "POST /bookings, new customer", stats(17.7),
                        "POST /bookings, returning customer (seen by this instance)", stats(9.8)));
        var base = results(List.of(), List.of());
        return new Results(
                base.machine(),
                base.started(),
                base.elapsed(),
                base.samples(),
                1000,
                base.launch(),
                base.functions(),
                base.coldRequests(),
                base.cold(),
                base.aotCacheBytes(),
                warm,
                bare,
                replays,
                Map.of(),
                base.cost(),
                base.jarBytes());
    }

    private static Stats stats(double p50) {
        return new Stats(1000, p50, p50, p50, p50, p50, p50);
    }

    private static ColdStarts.Sample sample(String function, int round, long initMillis, long firstMillis) {
        return new ColdStarts.Sample(
                function, Results.JVM, round, Duration.ofMillis(initMillis), Duration.ofMillis(firstMillis));
    }

    private static Results results(List<ColdStarts.Sample> cold, List<BookingCost.PerBooking> cost) {
        return new Results(
                MACHINE,
                Instant.parse("2026-11-24T08:00:00Z"),
                Duration.ofMinutes(3),
                3,
                0,
                "java -XX:+UseSerialGC",
                List.of("floor", "booking"),
                Map.of("floor", "PutItem", "booking", "POST /bookings"),
                cold,
                Map.of(),
                Map.of(),
                Optional.empty(),
                Map.of(),
                Map.of(),
                cost,
                Map.of("floor", 7_300_000L, "booking", 18_000_000L));
    }
}
