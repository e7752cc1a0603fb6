package com.safebook.bench.cost;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item of some tables, by key, with its size: two snapshots around some requests show what they
 * stored. The tables are the local stack's, small enough to read whole.
 */
public final class TableContents {
    private final Map<String, Map<String, Long>> sizes;

    private TableContents(Map<String, Map<String, Long>> sizes) {
        this.sizes = sizes;
    }

    public static TableContents read(DynamoDbClient dynamoDb, List<String> tables) {
        var sizes = new LinkedHashMap<String, Map<String, Long>>();
        for (var table : tables) {
            var items = new HashMap<String, Long>();
            dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true))
                    .items()
                    .forEach(item -> items.put(key(item), ItemSize.of(item)));
            sizes.put(table, items);
        }
        return new TableContents(sizes);
    }

    /** What changed since {@code before}, per table: items added and removed, and the net bytes. */
    public Map<String, Change> since(TableContents before) {
        var changes = new LinkedHashMap<String, Change>();
        sizes.forEach((table, now) -> {
            var then = before.sizes.getOrDefault(table, Map.of());
            long added = now.keySet().stream().filter(k -> !then.containsKey(k)).count();
            long removed =
                    then.keySet().stream().filter(k -> !now.containsKey(k)).count();
            long bytes = now.values().stream().mapToLong(Long::longValue).sum()
                    - then.values().stream().mapToLong(Long::longValue).sum();
            changes.put(table, new Change(added, removed, bytes));
        });
        return changes;
    }

    /** The primary key, whatever the table's key attributes: every key-like attribute of SafeBook's items. */
    private static String key(Map<String, AttributeValue> item) {
        var pk = item.get("pk");
        var sk = item.get("sk");
        return (pk == null ? "" : pk.s()) + "\u0000" + (sk == null ? "" : sk.s());
    }

    /** @param bytes the net change of the table's stored bytes (DynamoDB's item-size rule) */
    public record Change(long itemsAdded, long itemsRemoved, long bytes) {}
}
