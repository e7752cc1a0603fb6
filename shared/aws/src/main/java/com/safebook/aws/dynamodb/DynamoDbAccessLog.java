package com.safebook.aws.dynamodb;

import com.safebook.aws.config.Settings;
import com.safebook.core.erasure.AccessLog;
import com.safebook.core.erasure.StaffAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The staff accesses to a subject's data: one query of the audit table's access index. */
public final class DynamoDbAccessLog implements AccessLog {
    private final DynamoDbClient dynamoDb;
    private final Settings settings;

    @Inject
    public DynamoDbAccessLog(DynamoDbClient dynamoDb, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
    }

    @Override
    public List<StaffAccess> accessesTo(String subjectId) {
        var accesses = new ArrayList<StaffAccess>();
        for (var page : dynamoDb.queryPaginator(r -> r.tableName(settings.auditTable())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(AuditItems.accessPartition(subjectId))))
                .consistentRead(true))) {
            for (var item : page.items()) {
                accesses.add(new StaffAccess(
                        Instant.parse(item.get("eventTime").s()),
                        item.get("eventId").s(),
                        item.get("eventName").s(),
                        item.get("principalId").s()));
            }
        }
        return accesses;
    }
}
