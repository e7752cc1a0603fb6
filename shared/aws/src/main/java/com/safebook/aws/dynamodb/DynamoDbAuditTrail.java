package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditTrail;
import com.safebook.core.retention.OnceOnlyAuditTrail;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Appends audit records that are not part of a change's own transaction (reads, refusals, expiries).
 * An item's key is its record's time and id, so a record written twice fails the condition.
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
        put(record);
    }

    /** A record already there (same time and id) is a redelivery, recorded before: not an error. */
    @Override
    public boolean recordOnce(AuditRecord record) {
        try {
            put(record);
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    private void put(AuditRecord record) {
        var item = items.toItem(record, settings.retention().audit());
        dynamoDb.putItem(PutItemRequest.builder()
                .tableName(settings.auditTable())
                .item(AuditItem.SCHEMA.itemToMap(item, true))
                .conditionExpression("attribute_not_exists(pk)")
                .build());
    }
}
