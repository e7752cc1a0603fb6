package com.safebook.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The warm reference a booking is measured against: the booking function's own transaction, recorded
 * from a new customer's booking (its condition check of the service, and its puts into the bookings,
 * audit and keys tables with their index attributes and conditions), sent again as one
 * {@code TransactWriteItems} and timed around the call alone. Each put's partition keys (its {@code pk}
 * and index keys) get the request id as a suffix, so every replay writes new items, its conditions hold
 * as the booking's did, and nothing it writes shows up in what the other functions read.
 *
 * <p>The event is the recorded request's {@code TransactItems} in DynamoDB's wire format:
 * {@code {"TransactItems": [...]}}. The answer is the round trip in microseconds.
 */
public final class TransactionReplayHandler implements RequestHandler<Map<String, Object>, String> {
    private final DynamoDbClient dynamoDb;

    /** Lambda's entry: the client is built once, in the init phase. */
    public TransactionReplayHandler() {
        this.dynamoDb = FloorClients.dynamoDb();
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        var items = WireTransactItems.read(event.get("TransactItems"), "#" + context.getAwsRequestId());
        long started = System.nanoTime();
        dynamoDb.transactWriteItems(r -> r.transactItems(items));
        return Long.toString((System.nanoTime() - started) / 1_000);
    }
}
