package com.safebook.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The requests themselves, pinned on a client that answers from memory (DynamoDB Local never throttles). */
class ConsistentBatchGetTest {
    private static final String TABLE = "Keys";

    @Test
    void items_250Keys_threeConsistentRequestsOfAtMostAHundred() {
        var client = new Answering(0);

        var items = ConsistentBatchGet.items(client, TABLE, keys(250));

        assertThat(client.requests)
                .extracting(r -> r.requestItems().get(TABLE).keys().size())
                .containsExactly(100, 100, 50);
        assertThat(client.requests)
                .allSatisfy(r ->
                        assertThat(r.requestItems().get(TABLE).consistentRead()).isTrue());
        assertThat(items).hasSize(250);
    }

    @Test
    void items_keysLeftUnprocessedTwice_areAskedForAgainUntilRead() {
        var client = new Answering(2);

        var items = ConsistentBatchGet.items(client, TABLE, keys(10));

        assertThat(client.requests).hasSize(3);
        assertThat(client.requests.get(1).requestItems().get(TABLE).keys()).hasSize(5);
        assertThat(items).hasSize(10);
    }

    @Test
    void items_keysStillUnprocessedAfterFiveAttempts_failsAsADependencyFailure() {
        var client = new Answering(Integer.MAX_VALUE);

        assertThatThrownBy(() -> ConsistentBatchGet.items(client, TABLE, keys(10)))
                .isInstanceOf(SdkClientException.class);
        assertThat(client.requests).hasSize(5);
    }

    private static List<Map<String, AttributeValue>> keys(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Map.of("pk", AttributeValue.fromS("SUBJECT#" + i)))
                .toList();
    }

    /** Answers each key with an item holding it; the first {@code throttled} answers leave half unprocessed. */
    private static final class Answering implements DynamoDbClient {
        final List<BatchGetItemRequest> requests = new ArrayList<>();
        private int throttled;

        Answering(int throttled) {
            this.throttled = throttled;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            requests.add(request);
            var keys = request.requestItems().get(TABLE).keys();
            var answered = throttled-- > 0 ? keys.subList(0, keys.size() / 2) : keys;
            var left = keys.subList(answered.size(), keys.size());
            return BatchGetItemResponse.builder()
                    .responses(Map.of(TABLE, answered))
                    .unprocessedKeys(
                            left.isEmpty()
                                    ? Map.of()
                                    : Map.of(
                                            TABLE,
                                            KeysAndAttributes.builder()
                                                    .keys(left)
                                                    .consistentRead(true)
                                                    .build()))
                    .build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }
}
