package com.safebook.bench.report;

import com.safebook.bench.measure.BookingCost;
import com.safebook.bench.measure.ColdStarts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run measured.
 *
 * @param launch how every execution environment's JVM was started
 * @param functions the functions measured, the floor first
 * @param coldRequests each function's first request in a cold start
 * @param aotCacheBytes each function's AOT cache, when the run made them
 * @param warm per function, the latency of each warm workload
 * @param transaction the bare-table reference: a {@code TransactWriteItems} of as many puts, of the
 *     average size, into a table of its own (no indexes, no stream)
 * @param replays per warm booking workload, a booking's own transaction replayed (a new customer's,
 *     recorded in the cost run) alongside it: the reference its target is checked against
 * @param transactionShapes per shape of transaction, its round trip from the harness's client
 *     ({@code TransactionShapes})
 * @param jarBytes each function's jar
 */
public record Results(
        Machine machine,
        Instant started,
        Duration elapsed,
        int samples,
        int warmInvocations,
        String launch,
        List<String> functions,
        Map<String, String> coldRequests,
        List<ColdStarts.Sample> cold,
        Map<String, Long> aotCacheBytes,
        Map<String, Map<String, Stats>> warm,
        Optional<Reference> transaction,
        Map<String, Reference> replays,
        Map<String, Stats> transactionShapes,
        List<BookingCost.PerBooking> cost,
        Map<String, Long> jarBytes) {

    /** The variant of a cold start with the JVM's defaults (and the JDK's CDS archive). */
    public static final String JVM = "JVM";

    /** The variant with the function's own AOT cache. */
    public static final String AOT = "AOT";

    /**
     * A warm reference: one {@code TransactWriteItems}.
     *
     * @param roundTrip the call alone, timed in the handler
     * @param invocation the whole invocation, timed at the Runtime API as a booking's is
     */
    public record Reference(String description, Stats roundTrip, Stats invocation) {}

    /** The cold starts of one function and variant: init, first invocation, and both together. */
    public Optional<ColdStats> coldStats(String function, String variant) {
        var samples = cold.stream()
                .filter(s -> s.function().equals(function) && s.variant().equals(variant))
                .toList();
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ColdStats(
                Stats.of(samples.stream().map(ColdStarts.Sample::init).toList()),
                Stats.of(
                        samples.stream().map(ColdStarts.Sample::firstInvocation).toList()),
                Stats.of(samples.stream().map(ColdStarts.Sample::total).toList())));
    }

    public record ColdStats(Stats init, Stats first, Stats total) {}

    /**
     * The median over the rounds of {@code function}'s init+first over the floor's in the same round and
     * variant; NaN without such pairs.
     */
    public double pairedRatio(String function, String variant) {
        var floor = new HashMap<Integer, Duration>();
        cold.stream()
                .filter(s -> s.function().equals("floor") && s.variant().equals(variant))
                .forEach(s -> floor.put(s.round(), s.total()));
        var ratios = cold.stream()
                .filter(s -> s.function().equals(function) && s.variant().equals(variant))
                .filter(s -> floor.containsKey(s.round()))
                .mapToDouble(
                        s -> (double) s.total().toNanos() / floor.get(s.round()).toNanos())
                .sorted()
                .toArray();
        if (ratios.length == 0) {
            return Double.NaN;
        }
        return ratios.length % 2 == 1
                ? ratios[ratios.length / 2]
                : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
    }

    /** Every cold-start sample as CSV: function, variant, round, init and first invocation in ms. */
    public String coldSamplesCsv() {
        var csv = new StringBuilder("function,variant,round,init_ms,first_invocation_ms\n");
        cold.forEach(s -> csv.append(String.format(
                Locale.ROOT,
                "%s,%s,%d,%.3f,%.3f%n",
                s.function(),
                s.variant(),
                s.round() + 1,
                s.init().toNanos() / 1e6,
                s.firstInvocation().toNanos() / 1e6)));
        return csv.toString();
    }
}
