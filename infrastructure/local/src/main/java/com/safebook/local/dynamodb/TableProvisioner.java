package com.safebook.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.safebook.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Creates the tables of {@code template.yaml} in DynamoDB Local, as CloudFormation would, with
 * each table named after its logical id. Tables that exist already are left as they are.
 */
public final class TableProvisioner {
    private final DynamoDbClient dynamoDb;

    public TableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Returns the names of the tables it created. */
    public List<String> provision(SamTemplate template) {
        var created = new ArrayList<String>();
        template.resources("AWS::DynamoDB::Table").forEach((logicalId, properties) -> {
            if (!exists(logicalId)) {
                dynamoDb.createTable(createRequest(logicalId, properties));
                var ttl = properties.path("TimeToLiveSpecification");
                if (ttl.path("Enabled").asBoolean(false)) {
                    dynamoDb.updateTimeToLive(r -> r.tableName(logicalId).timeToLiveSpecification(s -> s.attributeName(
                                    ttl.path("AttributeName").asText())
                            .enabled(true)));
                }
                created.add(logicalId);
            } else {
                enableStream(logicalId, properties.path("StreamSpecification"));
            }
        });
        return created;
    }

    /** A stream added to the template later is added to a table kept from an earlier start, as CloudFormation would. */
    private void enableStream(String table, JsonNode stream) {
        if (stream.isMissingNode()) {
            return;
        }
        var current = dynamoDb.describeTable(r -> r.tableName(table)).table().streamSpecification();
        if (current == null || !Boolean.TRUE.equals(current.streamEnabled())) {
            dynamoDb.updateTable(r -> r.tableName(table)
                    .streamSpecification(StreamSpecification.builder()
                            .streamEnabled(true)
                            .streamViewType(stream.path("StreamViewType").asText())
                            .build()));
        }
    }

    private boolean exists(String table) {
        try {
            dynamoDb.describeTable(r -> r.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** The {@code CreateTable} request for a template table's {@code properties}, under {@code name}. */
    public static CreateTableRequest createRequest(String name, JsonNode properties) {
        var builder = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes(properties.path("AttributeDefinitions")))
                .keySchema(keySchema(properties.path("KeySchema")));
        var indexes = new ArrayList<GlobalSecondaryIndex>();
        for (var index : properties.path("GlobalSecondaryIndexes")) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.path("IndexName").asText())
                    .keySchema(keySchema(index.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(index.path("Projection")
                                    .path("ProjectionType")
                                    .asText("ALL"))
                            .build())
                    .build());
        }
        if (!indexes.isEmpty()) {
            builder.globalSecondaryIndexes(indexes);
        }
        var stream = properties.path("StreamSpecification");
        if (!stream.isMissingNode()) {
            builder.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(stream.path("StreamViewType").asText())
                    .build());
        }
        return builder.build();
    }

    private static List<AttributeDefinition> attributes(JsonNode definitions) {
        var attributes = new ArrayList<AttributeDefinition>();
        for (var d : definitions) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(d.path("AttributeName").asText())
                    .attributeType(d.path("AttributeType").asText())
                    .build());
        }
        return attributes;
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        var keys = new ArrayList<KeySchemaElement>();
        for (var k : schema) {
            keys.add(KeySchemaElement.builder()
                    .attributeName(k.path("AttributeName").asText())
                    .keyType(k.path("KeyType").asText())
                    .build());
        }
        return keys;
    }
}
