package com.safebook.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One AWS call the probe recorded.
 *
 * @param service the SDK's service name ({@code DynamoDb}, {@code Kms})
 * @param items a transaction's item count, else 1
 * @param capacityUnits the capacity DynamoDB reported for tables and indexes together
 */
public record ApiCall(String service, String operation, int items, double capacityUnits) {
    private static final List<String> WRITES =
            List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    public boolean dynamoDb() {
        return service.equals("DynamoDb");
    }

    public boolean kms() {
        return service.equals("Kms");
    }

    public boolean write() {
        return dynamoDb() && WRITES.contains(operation);
    }

    /** Every call in the probe's log, in order. */
    public static List<ApiCall> readAll(Path log) {
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .map(ApiCall::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the probe's log " + log, e);
        }
    }

    static ApiCall parse(String line) {
        var fields = line.split("\t");
        if (fields.length != 4) {
            throw new IllegalArgumentException("Not a probe line: " + line);
        }
        return new ApiCall(fields[0], fields[1], Integer.parseInt(fields[2]), Double.parseDouble(fields[3]));
    }
}
