package com.safebook.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The warm reference: one {@code TransactWriteItems} of {@code items} conditional puts of about
 * {@code bytes} bytes each (the shape of a booking's transaction), timed around the call alone. Answers
 * the round trip in microseconds, so that the harness compares a booking with the DynamoDB work it
 * cannot avoid.
 */
public final class TransactWriteFloorHandler implements RequestHandler<Map<String, String>, String> {
    private final DynamoDbClient dynamoDb;

    /** Lambda's entry: the client is built once, in the init phase. */
    public TransactWriteFloorHandler() {
        this.dynamoDb = FloorClients.dynamoDb();
    }

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        var table = event.get("table");
        int items = Integer.parseInt(event.getOrDefault("items", "1"));
        var payload = AttributeValue.fromS("x".repeat(Integer.parseInt(event.getOrDefault("bytes", "100"))));
        var writes = new ArrayList<TransactWriteItem>(items);
        for (int i = 0; i < items; i++) {
            var key = AttributeValue.fromS(context.getAwsRequestId() + "#" + i);
            writes.add(TransactWriteItem.builder()
                    .put(p -> p.tableName(table)
                            .item(Map.of("pk", key, "payload", payload))
                            .conditionExpression("attribute_not_exists(pk)"))
                    .build());
        }
        long started = System.nanoTime();
        dynamoDb.transactWriteItems(r -> r.transactItems(writes));
        return Long.toString((System.nanoTime() - started) / 1_000);
    }
}
