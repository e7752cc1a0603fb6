package com.safebook.bench.report;

import com.safebook.bench.measure.BookingCost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A run's results as Markdown tables, with the targets of issue 8 checked against them. */
public final class MarkdownReport {
    static final String FLOOR = "floor";
    private static final double COLD_TARGET = 1.3;
    private static final double WARM_TARGET = 2.0;
    private static final double KMS_TARGET = 0.1;

    private MarkdownReport() {}

    public static String render(Results results, String command) {
        var out = new StringBuilder();
        var m = results.machine();
        out.append("### Run\n\n")
                .append("- Command: `")
                .append(command)
                .append("`\n")
                .append(String.format(
                        Locale.ROOT,
                        "- Machine: %d processors, %s, %.1f GiB RAM; %s; %s%n",
                        m.processors(),
                        m.cpuModel(),
                        m.memoryBytes() / (1024.0 * 1024 * 1024),
                        m.jdk(),
                        m.os()))
                .append("- Each execution environment: `")
                .append(results.launch())
                .append("`\n")
                .append(String.format(
                        Locale.ROOT,
                        "- Started %s, took %d min %d s; %d cold starts per function and variant; %d warm invocations per workload%n%n",
                        results.started(),
                        results.elapsed().toMinutes(),
                        results.elapsed().toSecondsPart(),
                        results.samples(),
                        results.warmInvocations()));
        cold(out, results, Results.JVM, "Cold start (fresh JVM per sample, JDK's default CDS archive)");
        if (!results.aotCacheBytes().isEmpty()) {
            cold(out, results, Results.AOT, "Cold start with each function's AOT cache (`-XX:AOTCache`)");
            aotComparison(out, results);
        }
        warm(out, results);
        transactionShapes(out, results);
        cost(out, results);
        targets(out, results);
        return out.toString();
    }

    private static void cold(StringBuilder out, Results results, String variant, String title) {
        var floor = results.coldStats(FLOOR, variant);
        if (floor.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append("\n\n");
        out.append("| function | first request | jar | init p50 | init p90 | first p50 | first p90 | "
                + "init+first p50 | init+first p90 | × floor (p50) | × floor (rounds) |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (var function : results.functions()) {
            results.coldStats(function, variant)
                    .ifPresent(s -> out.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f |%n",
                            function,
                            results.coldRequests().get(function),
                            megabytes(results.jarBytes().get(function)),
                            ms(s.init().p50()),
                            ms(s.init().p90()),
                            ms(s.first().p50()),
                            ms(s.first().p90()),
                            ms(s.total().p50()),
                            ms(s.total().p90()),
                            s.total().p50() / floor.get().total().p50(),
                            results.pairedRatio(function, variant))));
        }
        out.append(
                        "\ninit: process start to the runtime's first `/next`; first: the first event handed out to its answer; ")
                .append("× floor (p50): init+first p50 over the floor's, from the same interleaved rounds; ")
                .append("× floor (rounds): the median, over the rounds, of each round's init+first over the floor's ")
                .append("in that round, which a machine whose load drifts during the run disturbs less.\n\n");
    }

    private static void aotComparison(StringBuilder out, Results results) {
        out.append("| function | AOT cache | init+first p50 without → with | change |\n");
        out.append("| --- | ---: | ---: | ---: |\n");
        for (var function : results.functions()) {
            var without = results.coldStats(function, Results.JVM);
            var with = results.coldStats(function, Results.AOT);
            if (without.isPresent() && with.isPresent()) {
                double a = without.get().total().p50();
                double b = with.get().total().p50();
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s → %s | %+.0f%% |%n",
                        function,
                        megabytes(results.aotCacheBytes().get(function)),
                        ms(a),
                        ms(b),
                        (b / a - 1) * 100));
            }
        }
        out.append('\n');
    }

    private static void warm(StringBuilder out, Results results) {
        if (results.warm().isEmpty()) {
            return;
        }
        out.append("### Warm (one JVM per function, after its first event)\n\n");
        out.append("| function | request | n | p50 | p99 | max |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        results.warm()
                .forEach((function, workloads) -> workloads.forEach((workload, s) -> out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %s | %s | %s |%n",
                        function,
                        workload,
                        s.count(),
                        ms(s.p50()),
                        ms(s.p99()),
                        ms(s.max())))));
        results.replays()
                .forEach((booking, r) ->
                        reference(out, "replay, alongside " + booking.replace("POST /bookings, ", ""), r));
        results.transaction().ifPresent(t -> reference(out, "bare table", t));
        out.append("\nTimed at the Runtime API, from handing the event out to receiving the answer, as Lambda ")
                .append("reports a duration; a reference's call alone is timed around the SDK call in its handler. ")
                .append("Replay: a booking's own transaction, recorded as the booking function sent it in the cost ")
                .append("run and sent again with new keys (the same items, conditions and tables, whose indexes and ")
                .append("stream DynamoDB Local maintains within the call), once after each booking of the workload ")
                .append("it is named with; the warm booking targets use it. Bare table: as many puts of the average ")
                .append("size into a table with a key alone, after the other warm runs.\n\n");
    }

    private static void reference(StringBuilder out, String kind, Results.Reference reference) {
        referenceRow(out, kind, reference.description() + ", the call alone", reference.roundTrip());
        referenceRow(out, kind, reference.description() + ", the whole invocation", reference.invocation());
    }

    private static void referenceRow(StringBuilder out, String kind, String request, Stats stats) {
        out.append(String.format(
                Locale.ROOT,
                "| reference (%s) | %s | %d | %s | %s | %s |%n",
                kind,
                request,
                stats.count(),
                ms(stats.p50()),
                ms(stats.p99()),
                ms(stats.max())));
    }

    private static void transactionShapes(StringBuilder out, Results results) {
        if (results.transactionShapes().isEmpty()) {
            return;
        }
        out.append("### What a transaction's shape costs this DynamoDB\n\n");
        out.append("| transaction | n | p50 | p90 | p99 |\n");
        out.append("| --- | ---: | ---: | ---: | ---: |\n");
        results.transactionShapes()
                .forEach((shape, s) -> out.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %s | %s | %s |%n",
                        shape,
                        s.count(),
                        ms(s.p50()),
                        ms(s.p90()),
                        ms(s.p99()))));
        out.append("\nOne `TransactWriteItems` each, the shapes in turn, timed around the call from the harness's own ")
                .append("client (the same SDK and buffered HTTP client, the JVM's default JIT); items of the size a ")
                .append("new customer's booking stores on average, each with partition keys of its own.\n\n");
    }

    private static void cost(StringBuilder out, Results results) {
        if (results.cost().isEmpty()) {
            return;
        }
        out.append("### Cost per booking (warm booking function, averages)\n\n");
        out.append("| booking | n | DynamoDB requests | write requests | items per transaction | write units | "
                + "read units | KMS requests | stored (items, bytes) |\n");
        out.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (var c : results.cost()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s | %s | %s | %s |%n",
                    c.kind(),
                    c.bookings(),
                    counts(c.dynamoDbCalls()),
                    number(c.dynamoDbWrites()),
                    number(c.transactionItems()),
                    number(c.writeUnits()),
                    number(c.readUnits()),
                    c.kmsCalls().isEmpty() ? "0" : counts(c.kmsCalls()),
                    stored(c)));
        }
        out.append("\nCounted by an SDK interceptor on the function's own clients (`ReturnConsumedCapacity=INDEXES`); ")
                .append("units as DynamoDB Local reports them, which charges 4 write units per 1 KB item in a ")
                .append("transaction where DynamoDB documents 2. Stored: the tables' growth by DynamoDB's item-size ")
                .append("rule, before DynamoDB's 100 bytes of overhead per item and the keys-only index copies.\n\n");
    }

    private static void targets(StringBuilder out, Results results) {
        var rows = new ArrayList<String>();
        var floor = results.coldStats(FLOOR, Results.JVM);
        if (floor.isPresent()) {
            double worst = 0;
            String worstFunction = "";
            for (var function : results.functions()) {
                if (function.equals(FLOOR)) {
                    continue;
                }
                var s = results.coldStats(function, Results.JVM);
                if (s.isPresent() && s.get().total().p50() / floor.get().total().p50() > worst) {
                    worst = s.get().total().p50() / floor.get().total().p50();
                    worstFunction = function;
                }
            }
            rows.add(row(
                    "cold start (init + first) ≤ 1.3 × floor, every function",
                    String.format(
                            Locale.ROOT,
                            "worst %.2f × (%s); by rounds %.2f ×",
                            worst,
                            worstFunction,
                            results.pairedRatio(worstFunction, Results.JVM)),
                    worst <= COLD_TARGET));
        }
        // One row per booking workload, against a booking's transaction replayed alongside it when the run
        // has it (else the bare table), with the bare table's ratio beside it: a new customer's booking
        // also reads the email index and has KMS make a key; a returning customer's, whose key the
        // instance holds, is the write alone.
        var bare = results.transaction().map(t -> t.roundTrip().p50());
        results.warm().getOrDefault("booking", Map.of()).entrySet().stream()
                .filter(e -> e.getKey().startsWith("POST /bookings"))
                .filter(e -> results.replays().containsKey(e.getKey()) || bare.isPresent())
                .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder()))
                .forEach(e -> {
                    var replay = Optional.ofNullable(results.replays().get(e.getKey()))
                            .map(r -> r.roundTrip().p50());
                    double reference = replay.orElseGet(bare::orElseThrow);
                    double ratio = e.getValue().p50() / reference;
                    var measured = String.format(
                            Locale.ROOT,
                            "%s / %s = %.2f × (%s)",
                            ms(e.getValue().p50()),
                            ms(reference),
                            ratio,
                            replay.isPresent() ? "a booking's transaction replayed alongside" : "bare table");
                    if (replay.isPresent() && bare.isPresent()) {
                        measured += String.format(
                                Locale.ROOT,
                                "; bare table %s: %.2f ×",
                                ms(bare.get()),
                                e.getValue().p50() / bare.get());
                    }
                    rows.add(row(
                            "warm booking p50 ≤ 2 × one TransactWriteItems round trip: " + e.getKey(),
                            measured,
                            ratio <= WARM_TARGET));
                });
        for (var c : results.cost()) {
            rows.add(row(
                    "one DynamoDB write request per booking: " + c.kind(),
                    number(c.dynamoDbWrites()),
                    Math.abs(c.dynamoDbWrites() - 1) < 1e-9));
        }
        results.cost().stream()
                .filter(c -> c.kind().contains("seen by this instance"))
                .forEach(c -> rows.add(row(
                        "≤ 0.1 KMS requests per booking, returning customers, warm function",
                        number(c.kmsTotal()),
                        c.kmsTotal() <= KMS_TARGET)));
        if (rows.isEmpty()) {
            return;
        }
        out.append("### Targets\n\n| target | measured | met |\n| --- | --- | --- |\n");
        rows.forEach(out::append);
        out.append('\n');
    }

    private static String row(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    private static String stored(BookingCost.PerBooking c) {
        return c.stored().entrySet().stream()
                .filter(e -> Math.abs(e.getValue().items()) > 1e-9
                        || Math.abs(e.getValue().bytes()) > 1e-9)
                .map(e -> String.format(
                        Locale.ROOT,
                        "%s: %s, %.0f B",
                        e.getKey(),
                        number(e.getValue().items()),
                        e.getValue().bytes()))
                .collect(Collectors.joining("; "));
    }

    private static String counts(Map<String, Double> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((operation, n) -> parts.add(operation + " " + number(n)));
        return String.join(", ", parts);
    }

    private static String number(double value) {
        return Math.abs(value - Math.rint(value)) < 1e-9
                ? Long.toString(Math.round(value))
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis >= 100 ? "%.0f ms" : "%.1f ms", millis);
    }

    private static String megabytes(Long bytes) {
        return bytes == null ? "" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
