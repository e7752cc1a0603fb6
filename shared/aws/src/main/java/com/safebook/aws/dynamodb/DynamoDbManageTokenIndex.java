package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.core.booking.ManageTokenIndex;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The manage tokens' lookup items ({@code TOKEN#<hash>}), written in each booking's transaction.
 * One strongly consistent read; the item holds the subject's pseudonym and no ciphertext, so no
 * key is needed.
 */
public final class DynamoDbManageTokenIndex implements ManageTokenIndex {
    private final DynamoDbClient dynamoDb;
    private final Settings settings;

    @Inject
    public DynamoDbManageTokenIndex(DynamoDbClient dynamoDb, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
    }

    @Override
    public Optional<String> subjectOf(String tokenHash, Instant now) {
        var item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(settings.bookingsTable())
                        .key(Map.of(
                                "pk", AttributeValue.fromS(BookingItems.tokenKey(tokenHash)),
                                "sk", AttributeValue.fromS(BookingItems.TOKEN_SORT)))
                        .projectionExpression("subjectId, expiresAt")
                        .consistentRead(true)
                        .build())
                .item();
        if (item == null || !item.containsKey("subjectId") || !item.containsKey("expiresAt")) {
            return Optional.empty();
        }
        // TTL deletion lags by up to days: an expired token is gone as far as anyone can tell.
        if (Long.parseLong(item.get("expiresAt").n()) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(item.get("subjectId").s());
    }
}
