package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.core.audit.AuditRecord;
import com.safebook.core.audit.AuditTrail;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Appends audit records that are not part of a change's own transaction (reads, refusals). */
public final class DynamoDbAuditTrail implements AuditTrail {
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
        var item = items.toItem(record, settings.retention().audit());
        dynamoDb.putItem(PutItemRequest.builder()
                .tableName(settings.auditTable())
                .item(AuditItem.SCHEMA.itemToMap(item, true))
                .conditionExpression("attribute_not_exists(pk)")
                .build());
    }
}
