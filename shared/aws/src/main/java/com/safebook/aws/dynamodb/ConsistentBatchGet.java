package com.safebook.aws.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Items of one table by their keys, read consistently with {@code BatchGetItem}: a hundred keys per
 * request, and the keys DynamoDB leaves unprocessed asked for again after a jittered back-off. Keys
 * with no item are simply absent from the answer, in no particular order.
 */
public final class ConsistentBatchGet {
    /** DynamoDB's limit of keys per {@code BatchGetItem}. */
    public static final int MAX_KEYS = 100;

    private static final int ATTEMPTS = 5;

    private ConsistentBatchGet() {}

    /**
     * @throws SdkClientException if keys are still unprocessed after five attempts (throttled: the
     *     edge answers 503, which is safe to retry)
     */
    public static List<Map<String, AttributeValue>> items(
            DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> keys) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            items.addAll(batch(dynamoDb, table, keys.subList(from, Math.min(keys.size(), from + MAX_KEYS))));
        }
        return items;
    }

    private static List<Map<String, AttributeValue>> batch(
            DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> keys) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        var pending = Map.of(
                table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            var response = dynamoDb.batchGetItem(
                    BatchGetItemRequest.builder().requestItems(pending).build());
            items.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            if (!pending.isEmpty()) {
                if (attempt >= ATTEMPTS) {
                    throw SdkClientException.create("DynamoDB left keys unprocessed");
                }
                backOff(attempt);
            }
        }
        return items;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L << attempt, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("Interrupted while reading a batch", e);
        }
    }
}
