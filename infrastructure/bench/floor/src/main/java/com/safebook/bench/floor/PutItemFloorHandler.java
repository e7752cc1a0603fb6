package com.safebook.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start floor: one DynamoDB {@code PutItem} with the SDK and HTTP client the functions use,
 * the client built in the init phase as theirs are. Nothing else: no Dagger, no Jackson, no logging
 * library. The event names the table ({@code {"table": "..."}}); the item's key is the request id.
 */
public final class PutItemFloorHandler implements RequestHandler<Map<String, String>, String> {
    private final DynamoDbClient dynamoDb;

    /** Lambda's entry: the client is built once, in the init phase. */
    public PutItemFloorHandler() {
        this.dynamoDb = FloorClients.dynamoDb();
    }

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        dynamoDb.putItem(r -> r.tableName(event.get("table"))
                .item(Map.of(
                        "pk", AttributeValue.fromS(context.getAwsRequestId()),
                        "at", AttributeValue.fromN(Long.toString(System.currentTimeMillis())))));
        return "stored";
    }
}
