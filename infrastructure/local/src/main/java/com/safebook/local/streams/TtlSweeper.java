package com.safebook.local.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.safebook.local.template.SamTemplate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What DynamoDB's TTL service does, which DynamoDB Local does not: deletes the items of each table
 * with TTL in the template whose TTL attribute is in the past. Like the service, it deletes only if
 * the item is still expired (an item renewed meanwhile stays), and it tells {@link TtlDeletions}, so
 * that the stream records read as TTL deletions.
 */
public final class TtlSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(TtlSweeper.class);

    private final DynamoDbClient dynamoDb;
    private final List<TtlTable> tables;
    private final TtlDeletions deletions;
    private final Clock clock;

    record TtlTable(String name, String attribute, List<String> keyAttributes) {}

    public TtlSweeper(DynamoDbClient dynamoDb, SamTemplate template, TtlDeletions deletions, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.deletions = deletions;
        this.clock = clock;
        this.tables = ttlTables(template);
    }

    /** Deletes what has expired by now; returns how many items. */
    public synchronized int sweep() {
        var now = AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond()));
        int deleted = 0;
        for (var table : tables) {
            var names = new HashMap<String, String>();
            names.put("#ttl", table.attribute());
            var projection = new ArrayList<String>();
            for (int i = 0; i < table.keyAttributes().size(); i++) {
                names.put("#k" + i, table.keyAttributes().get(i));
                projection.add("#k" + i);
            }
            var expired = dynamoDb.scanPaginator(r -> r.tableName(table.name())
                    .filterExpression("#ttl < :now")
                    .projectionExpression(String.join(",", projection))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":now", now)));
            for (var key : expired.items()) {
                deletions.add(table.name(), key);
                try {
                    dynamoDb.deleteItem(r -> r.tableName(table.name())
                            .key(key)
                            .conditionExpression("#ttl < :now")
                            .expressionAttributeNames(Map.of("#ttl", table.attribute()))
                            .expressionAttributeValues(Map.of(":now", now)));
                    deleted++;
                } catch (ConditionalCheckFailedException renewedOrGone) {
                    deletions.forget(table.name(), key);
                }
            }
        }
        if (deleted > 0) {
            LOG.info("TTL sweep: {} expired items deleted", deleted);
        }
        return deleted;
    }

    private static List<TtlTable> ttlTables(SamTemplate template) {
        var tables = new ArrayList<TtlTable>();
        template.resources("AWS::DynamoDB::Table").forEach((logicalId, properties) -> {
            var ttl = properties.path("TimeToLiveSpecification");
            if (ttl.path("Enabled").asBoolean(false)) {
                var keys = new ArrayList<String>();
                for (JsonNode k : properties.path("KeySchema")) {
                    keys.add(k.path("AttributeName").asText());
                }
                tables.add(new TtlTable(logicalId, ttl.path("AttributeName").asText(), keys));
            }
        });
        return tables;
    }
}
