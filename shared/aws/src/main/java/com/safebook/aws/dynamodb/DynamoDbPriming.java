package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.aws.snapstart.PrimingClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Priming of DynamoDB: alongside init, the request path of the main routes ({@link
 * #requestPath}); before a SnapStart snapshot, every operation the adapters call and every item
 * schema mapped both ways ({@link #prime}). Requests are marshalled, signed and answered from memory
 * ({@link PrimingClients}); no table is reached.
 */
public final class DynamoDbPriming {
    private static final String PLACEHOLDER = "snapstart-priming";

    private DynamoDbPriming() {}

    public static void prime(Settings settings) {
        try (var client = PrimingClients.build(DynamoDbClient.builder(), settings)) {
            var tables = List.of(settings.bookingsTable(), settings.auditTable(), settings.keysTable());
            tables.forEach(table -> operations(client, table));
            enhanced(client, settings);
        }
        schemas().forEach(DynamoDbPriming::roundTrip);
    }

    /**
     * The SDK's request path, which every first request takes, with the operations the functions'
     * main routes make: {@code GetItem}, {@code Query}, {@code BatchGetItem} and
     * {@code TransactWriteItems}, each marshalled, signed, "sent" and unmarshalled on a client
     * answered from memory. Cheap enough to run alongside init; the other operations and the item
     * schemas are left to {@link #prime}.
     */
    public static void requestPath(Settings settings) {
        try (var client = PrimingClients.build(DynamoDbClient.builder(), settings)) {
            requestPath(client, settings.bookingsTable());
        }
    }

    private static void requestPath(DynamoDbClient client, String table) {
        var key = Map.of("pk", text(PLACEHOLDER), "sk", text(PLACEHOLDER));
        client.getItem(r -> r.tableName(table).key(key).consistentRead(true));
        client.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :v")
                .expressionAttributeValues(Map.of(":v", text(PLACEHOLDER))));
        client.batchGetItem(r -> r.requestItems(
                Map.of(table, KeysAndAttributes.builder().keys(List.of(key)).build())));
        client.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(key)
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build()));
    }

    /** The request path's operations, then every other one the adapters call. */
    private static void operations(DynamoDbClient client, String table) {
        requestPath(client, table);
        var key = Map.of("pk", text(PLACEHOLDER), "sk", text(PLACEHOLDER));
        var values = Map.of(":v", text(PLACEHOLDER), ":n", AttributeValue.fromN("1"));
        client.putItem(r -> r.tableName(table).item(key).conditionExpression("attribute_not_exists(pk)"));
        client.updateItem(r -> r.tableName(table)
                .key(key)
                .updateExpression("SET #a = :v, expiresAt = :n")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#a", "a"))
                .expressionAttributeValues(values));
        client.queryPaginator(r -> r.tableName(table)
                        .indexName("byDay")
                        .keyConditionExpression("pk = :v")
                        .expressionAttributeValues(Map.of(":v", text(PLACEHOLDER))))
                .items()
                .forEach(item -> {});
        client.scanPaginator(r -> r.tableName(table).limit(1)).items().forEach(item -> {});
        client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(table)
                                .item(key)
                                .conditionExpression("attribute_not_exists(pk)")
                                .build())
                        .build(),
                TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(table)
                                .key(key)
                                .updateExpression("SET expiresAt = :n")
                                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1")))
                                .build())
                        .build(),
                TransactWriteItem.builder()
                        .delete(Delete.builder().tableName(table).key(key).build())
                        .build(),
                TransactWriteItem.builder()
                        .conditionCheck(ConditionCheck.builder()
                                .tableName(table)
                                .key(key)
                                .conditionExpression("attribute_exists(pk)")
                                .build())
                        .build()));
        client.batchWriteItem(r -> r.requestItems(Map.of(
                table,
                List.of(WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(key).build())
                        .build()))));
    }

    /** The enhanced client's paths, as the catalogue uses them. */
    private static void enhanced(DynamoDbClient client, Settings settings) {
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        var services = enhanced.table(settings.bookingsTable(), ServiceItem.SCHEMA);
        var audit = enhanced.table(settings.auditTable(), AuditItem.SCHEMA);
        var key =
                Key.builder().partitionValue(PLACEHOLDER).sortValue(PLACEHOLDER).build();
        services.query(r -> r.queryConditional(QueryConditional.sortBeginsWith(key)))
                .items()
                .forEach(item -> {});
        services.getItem(r -> r.key(key).consistentRead(true));
        var service = ServiceItem.SCHEMA.mapToItem(placeholders(ServiceItem.SCHEMA));
        services.putItem(service);
        enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(
                        services,
                        TransactPutItemEnhancedRequest.builder(ServiceItem.class)
                                .item(service)
                                .conditionExpression(DynamoDbCatalogRepository.NEW_ITEM)
                                .build())
                .addPutItem(audit, AuditItem.SCHEMA.mapToItem(placeholders(AuditItem.SCHEMA)))
                .build());
    }

    private static List<TableSchema<?>> schemas() {
        return List.of(
                BookingItem.SCHEMA, ServiceItem.SCHEMA, IdempotencyItem.SCHEMA, AuditItem.SCHEMA, LockItem.SCHEMA);
    }

    /** Every attribute converted from DynamoDB's form and back. */
    private static <T> void roundTrip(TableSchema<T> schema) {
        schema.itemToMap(schema.mapToItem(placeholders(schema)), true);
    }

    private static Map<String, AttributeValue> placeholders(TableSchema<?> schema) {
        var item = new HashMap<String, AttributeValue>();
        for (var name : schema.attributeNames()) {
            item.put(
                    name,
                    switch (schema.converterForAttribute(name).attributeValueType()) {
                        case N -> AttributeValue.fromN("1");
                        case B -> AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1}));
                        case BOOL -> AttributeValue.fromBool(true);
                        default -> text(PLACEHOLDER);
                    });
        }
        return item;
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }
}
