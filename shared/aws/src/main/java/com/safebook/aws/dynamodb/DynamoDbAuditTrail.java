package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.retention.OnceOnlyAuditTrail;
import java.util.ArrayList;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Appends audit records that are not part of a change's own transaction (reads, refusals, expiries).
 * A staff member's read of a person's data is written with its access-index items, in one
 * transaction. An item's key is its record's time and id, so a record written twice fails the
 * condition.
 */
public final class DynamoDbAuditTrail implements AuditTrail, OnceOnlyAuditTrail {
    private final DynamoDbClient dynamoDb;
    private final AuditItems items;
    private final Settings settings;

    @Inject
    public DynamoDbAuditTrail(DynamoDbClient dynamoDb, AuditItems items, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.items = items;
        this.settings = settings;
    }

    @Override
    public void record(AuditRecord record) {
        var retention = settings.retention().audit();
        var item = AuditItem.SCHEMA.itemToMap(items.toItem(record, retention), true);
        var access = items.accessItems(record, retention);
        if (access.isEmpty()) {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(settings.auditTable())
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk)")
                    .build());
            return;
        }
        var writes = new ArrayList<TransactWriteItem>();
        writes.add(put(item));
        access.forEach(a -> writes.add(put(a)));
        dynamoDb.transactWriteItems(r -> r.transactItems(writes));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(settings.auditTable())
                        .item(item)
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build();
    }

    /** A record already there (same time and id) is a redelivery, recorded before: not an error. */
    @Override
    public boolean recordOnce(AuditRecord record) {
        try {
            record(record);
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }
}
