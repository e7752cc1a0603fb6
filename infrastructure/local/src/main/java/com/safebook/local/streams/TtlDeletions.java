package com.safebook.local.streams;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The deletions the local TTL sweeper made and whose stream records have not been read yet.
 * DynamoDB Local writes the same stream record for every DeleteItem; in AWS, a TTL deletion's record
 * carries the DynamoDB service's identity. The poller asks here, and marks the records it finds.
 * Only in memory: after a restart, a record of a sweep before it reads as an ordinary deletion.
 */
public final class TtlDeletions {
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    void add(String table, Map<String, AttributeValue> key) {
        pending.add(id(table, key));
    }

    void forget(String table, Map<String, AttributeValue> key) {
        pending.remove(id(table, key));
    }

    /** Whether this removal was the sweeper's; each is claimed once. */
    boolean claim(String table, Map<String, AttributeValue> key) {
        return pending.remove(id(table, key));
    }

    private static String id(String table, Map<String, AttributeValue> key) {
        var sorted = new TreeMap<String, String>();
        key.forEach((name, value) -> sorted.put(name, String.valueOf(value.s()) + "|" + value.n() + "|" + value.b()));
        return table + "\u0000" + sorted;
    }
}
