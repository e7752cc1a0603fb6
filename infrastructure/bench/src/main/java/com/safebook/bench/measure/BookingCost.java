package com.safebook.bench.measure;

import com.safebook.bench.cost.TableContents;
import com.safebook.bench.probe.ApiCall;
import com.safebook.bench.probe.CapacityRecorder;
import com.safebook.bench.runtime.LambdaProcess;
import com.safebook.bench.runtime.LaunchSpec;
import com.safebook.bench.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a booking costs, on a warm booking function: the AWS calls it makes (DynamoDB by operation,
 * with the capacity DynamoDB reports, and KMS by operation), counted by {@link CapacityRecorder} on the
 * function's own SDK clients, and what it leaves stored, from the tables before and after.
 */
public final class BookingCost {
    private BookingCost() {}

    /** Items (net: added less removed) and bytes (DynamoDB's item-size rule) a table gained. */
    public record Stored(double items, double bytes) {}

    /** A kind of booking and how many of it to average over. */
    public record Kind(Workload workload, int bookings) {}

    /**
     * Per booking, averaged.
     *
     * @param dynamoDbCalls DynamoDB calls by operation
     * @param writeUnits capacity units of the write calls, as DynamoDB reports them
     * @param transactionItems items per {@code TransactWriteItems}
     * @param stored what each table gained, by table
     * @param transaction the first of this kind's {@code TransactWriteItems} requests as sent (its JSON
     *     body), which the harness replays as the warm reference
     */
    public record PerBooking(
            String kind,
            int bookings,
            Map<String, Double> dynamoDbCalls,
            double writeUnits,
            double readUnits,
            double transactionItems,
            Map<String, Double> kmsCalls,
            Map<String, Stored> stored,
            Optional<String> transaction) {

        public double dynamoDbWrites() {
            return dynamoDbCalls.entrySet().stream()
                    .filter(e -> new ApiCall("DynamoDb", e.getKey(), 1, 0).write())
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
        }

        public double kmsTotal() {
            return kmsCalls.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * @param probe the class path entry of {@code ProbeClasspath}
     * @param probeLog the probe's log of calls; its requests' transactions go beside it
     * @param warmUp events handled first and not counted (the function's first event among them)
     */
    public static List<PerBooking> measure(
            LaunchSpec booking,
            Path probe,
            Path probeLog,
            Workload warmUp,
            int warmUpBookings,
            List<Kind> kinds,
            DynamoDbClient dynamoDb,
            List<String> tables,
            Consumer<String> progress) {
        var transactionLog = probeLog.resolveSibling("transactions.jsonl");
        try {
            Files.deleteIfExists(probeLog);
            Files.deleteIfExists(transactionLog);
            Files.createDirectories(probeLog.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var spec = booking.withClasspath(List.of(probe))
                .withJvmOptions(List.of(
                        "-D" + CapacityRecorder.LOG_PROPERTY + "=" + probeLog.toAbsolutePath(),
                        "-D" + CapacityRecorder.TRANSACTIONS_PROPERTY + "=" + transactionLog.toAbsolutePath()));
        var results = new ArrayList<PerBooking>();
        try (var process = LambdaProcess.start(spec)) {
            process.awaitInit(ColdStarts.INIT_LIMIT);
            for (int i = 0; i < warmUpBookings; i++) {
                warmUp.check(process.invoke(warmUp.next(), ColdStarts.INVOCATION_LIMIT));
            }
            for (var kind : kinds) {
                var before = TableContents.read(dynamoDb, tables);
                int callsBefore = ApiCall.readAll(probeLog).size();
                int transactionsBefore = lines(transactionLog).size();
                for (int i = 0; i < kind.bookings(); i++) {
                    kind.workload().check(process.invoke(kind.workload().next(), ColdStarts.INVOCATION_LIMIT));
                }
                var stored = TableContents.read(dynamoDb, tables).since(before);
                var calls = ApiCall.readAll(probeLog);
                var transaction =
                        lines(transactionLog).stream().skip(transactionsBefore).findFirst();
                results.add(perBooking(kind, calls.subList(callsBefore, calls.size()), stored, transaction));
                progress.accept("cost: " + kind.workload().description() + ", " + kind.bookings() + " bookings done");
            }
        }
        return results;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PerBooking perBooking(
            Kind kind, List<ApiCall> calls, Map<String, TableContents.Change> stored, Optional<String> transaction) {
        double n = kind.bookings();
        var dynamoDb = new TreeMap<String, Double>();
        var kms = new TreeMap<String, Double>();
        double writeUnits = 0;
        double readUnits = 0;
        double transactions = 0;
        double transactionItems = 0;
        for (var call : calls) {
            if (call.dynamoDb()) {
                dynamoDb.merge(call.operation(), 1 / n, Double::sum);
                if (call.write()) {
                    writeUnits += call.capacityUnits() / n;
                } else {
                    readUnits += call.capacityUnits() / n;
                }
                if (call.operation().equals("TransactWriteItems")) {
                    transactions++;
                    transactionItems += call.items();
                }
            } else if (call.kms()) {
                kms.merge(call.operation(), 1 / n, Double::sum);
            }
        }
        var perTable = new TreeMap<String, Stored>();
        stored.forEach((table, change) ->
                perTable.put(table, new Stored((change.itemsAdded() - change.itemsRemoved()) / n, change.bytes() / n)));
        return new PerBooking(
                kind.workload().description(),
                kind.bookings(),
                dynamoDb,
                writeUnits,
                readUnits,
                transactions == 0 ? 0 : transactionItems / transactions,
                kms,
                perTable,
                transaction);
    }
}
