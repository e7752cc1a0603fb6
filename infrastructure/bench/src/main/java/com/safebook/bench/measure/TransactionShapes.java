package com.safebook.bench.measure;

import com.safebook.bench.report.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What the shape of a transaction costs the DynamoDB a run measures against: the same number of items
 * of the same size, sent as one {@code TransactWriteItems}, into a table with a key alone, into a table
 * with a sort key and the bookings table's two keys-only indexes, into the bookings table itself (its
 * indexes and its stream), and shaped as a booking's (five items in the bookings and audit tables and
 * two in the keys table, put for a new customer, updated under conditions for a returning one). The
 * shapes take turns, one transaction each, so that a machine or tables that change during the run
 * change them all alike; each is timed around the call alone, from the harness's own client, after
 * {@value #WARM_UP} rounds that are not.
 *
 * <p>Every item has partition keys of its own ({@code pk} and, where a table indexes them,
 * {@code gsi1pk} and {@code gsi2pk}), so nothing written here shows up in what the functions read.
 */
public final class TransactionShapes {
    private static final int ITEMS = 8;
    /** Rounds sent first and not timed, so that the client's and the stack's code is compiled. */
    private static final int WARM_UP = 200;

    private static final long EXPIRES = 4_102_444_800L; // 2100-01-01

    private final DynamoDbClient dynamoDb;
    private final String keyOnlyTable;
    private final CreateTableRequest indexedTable;
    private final String bookingsTable;
    private final String auditTable;
    private final String keysTable;
    private final AttributeValue payload;

    /**
     * {@code keyOnlyTable} has a string {@code pk} alone; {@code indexedTable} is made, if it is not there
     * yet, with the bookings table's keys and indexes and no stream; the others are the stack's tables.
     */
    public TransactionShapes(
            DynamoDbClient dynamoDb,
            String keyOnlyTable,
            CreateTableRequest indexedTable,
            String bookingsTable,
            String auditTable,
            String keysTable,
            int itemBytes) {
        this.dynamoDb = dynamoDb;
        this.keyOnlyTable = keyOnlyTable;
        this.indexedTable = indexedTable;
        this.bookingsTable = bookingsTable;
        this.auditTable = auditTable;
        this.keysTable = keysTable;
        this.payload = AttributeValue.fromS("x".repeat(Math.max(1, itemBytes)));
    }

    /** The round trips of {@code transactions} transactions of each shape, by the shape's description. */
    public Map<String, Stats> measure(int transactions) {
        createIndexedTable();
        var shapes = new LinkedHashMap<String, Function<String, List<TransactWriteItem>>>();
        shapes.put(ITEMS + " puts, a table with a key alone", id -> puts(keyOnlyTable, false, false, id));
        shapes.put(
                ITEMS + " puts, a table with a sort key and two keys-only indexes",
                id -> puts(indexedTable.tableName(), true, true, id));
        shapes.put(
                ITEMS + " puts, the bookings table (its two indexes, its stream)",
                id -> puts(bookingsTable, true, true, id));
        shapes.put(
                "a new customer's booking: 5 puts in the bookings and audit tables, 2 puts of keys", this::newCustomer);
        shapes.put(
                "a returning customer's booking: the same 5 puts, 2 conditional updates of keys",
                this::returningCustomer);
        var timings = new LinkedHashMap<String, List<Duration>>();
        shapes.keySet().forEach(shape -> timings.put(shape, new ArrayList<>(transactions)));
        int warmUp = Math.min(WARM_UP, transactions);
        for (int i = 0; i < warmUp + transactions; i++) {
            for (var shape : shapes.entrySet()) {
                var items = shape.getValue().apply(UUID.randomUUID().toString());
                long started = System.nanoTime();
                dynamoDb.transactWriteItems(r -> r.transactItems(items));
                if (i >= warmUp) {
                    timings.get(shape.getKey()).add(Duration.ofNanos(System.nanoTime() - started));
                }
            }
        }
        var stats = new LinkedHashMap<String, Stats>();
        timings.forEach((shape, durations) -> stats.put(shape, Stats.of(durations)));
        return stats;
    }

    private List<TransactWriteItem> puts(String table, boolean sortKey, boolean indexed, String id) {
        var items = new ArrayList<TransactWriteItem>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            var item = new LinkedHashMap<String, AttributeValue>();
            item.put("pk", s("SHAPE#" + id + "#" + i));
            if (sortKey) {
                item.put("sk", s("SHAPE"));
            }
            if (indexed) {
                indexKeys(item, id, i);
            }
            item.put("payload", payload);
            items.add(put(table, item));
        }
        return items;
    }

    /** The five items every booking puts: the booking (indexed), a lock, idempotency, audit, token. */
    private List<TransactWriteItem> bookingItems(String id) {
        var booking = new LinkedHashMap<String, AttributeValue>();
        booking.put("pk", s("SHAPE#BOOKING#" + id));
        booking.put("sk", s("BOOKING"));
        indexKeys(booking, id, 0);
        booking.put("payload", payload);
        booking.put("expiresAt", n(EXPIRES));
        return List.of(
                put(bookingsTable, booking),
                put(bookingsTable, item("SHAPE#LOCK#" + id, "LOCK")),
                put(bookingsTable, item("SHAPE#IDEMPOTENCY#" + id, "IDEMPOTENCY")),
                put(auditTable, item("SHAPE#AUDIT#" + id, "AUDIT")),
                put(bookingsTable, item("SHAPE#TOKEN#" + id, "TOKEN")));
    }

    private List<TransactWriteItem> newCustomer(String id) {
        var items = new ArrayList<>(bookingItems(id));
        items.add(put(keysTable, subjectKey(id, EXPIRES)));
        items.add(put(keysTable, emailIndex(id, EXPIRES)));
        return items;
    }

    /** The keys are put first, untimed, expiring earlier, as a returning customer's would be stored. */
    private List<TransactWriteItem> returningCustomer(String id) {
        dynamoDb.putItem(r -> r.tableName(keysTable).item(subjectKey(id, EXPIRES - 1)));
        dynamoDb.putItem(r -> r.tableName(keysTable).item(emailIndex(id, EXPIRES - 1)));
        var items = new ArrayList<>(bookingItems(id));
        items.add(TransactWriteItem.builder()
                .update(u -> u.tableName(keysTable)
                        .key(Map.of("pk", s("SHAPE#SUBJECT#" + id)))
                        .updateExpression("SET expiresAt = :e")
                        .conditionExpression("attribute_exists(pk) AND keyVersion = :v AND expiresAt < :e")
                        .expressionAttributeValues(Map.of(":e", n(EXPIRES), ":v", n(1))))
                .build());
        items.add(TransactWriteItem.builder()
                .update(u -> u.tableName(keysTable)
                        .key(Map.of("pk", s("SHAPE#EMAIL#" + id)))
                        .updateExpression("SET expiresAt = :e")
                        .conditionExpression("subjectId = :s")
                        .expressionAttributeValues(Map.of(":e", n(EXPIRES), ":s", s(id))))
                .build());
        return items;
    }

    private Map<String, AttributeValue> subjectKey(String id, long expiresAt) {
        return Map.of(
                "pk", s("SHAPE#SUBJECT#" + id),
                "subjectId", s(id),
                "keyVersion", n(1),
                "wrappedKey", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[184])),
                "expiresAt", n(expiresAt));
    }

    private static Map<String, AttributeValue> emailIndex(String id, long expiresAt) {
        return Map.of("pk", s("SHAPE#EMAIL#" + id), "subjectId", s(id), "expiresAt", n(expiresAt));
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk), "payload", payload, "expiresAt", n(EXPIRES));
    }

    private static void indexKeys(Map<String, AttributeValue> item, String id, int i) {
        item.put("gsi1pk", s("SHAPE#DAY#" + id));
        item.put("gsi1sk", s("10:00#" + i));
        item.put("gsi2pk", s("SHAPE#SUBJECT#" + id));
        item.put("gsi2sk", s("BOOKING#" + i));
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"))
                .build();
    }

    private void createIndexedTable() {
        try {
            dynamoDb.createTable(indexedTable);
        } catch (ResourceInUseException exists) {
            // Made by an earlier run against the same stack.
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
