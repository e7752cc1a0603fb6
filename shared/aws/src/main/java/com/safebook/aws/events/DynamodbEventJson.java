package com.safebook.aws.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DynamoDB stream event from the JSON Lambda delivers ({@code {"Records":[...]}}), as the
 * runtime's serializer reads it into {@link DynamodbEvent}: the local stack builds its events this
 * way, and tests read their fixtures. Keys and images hold strings, numbers and binaries (keys can
 * hold nothing else).
 */
public final class DynamodbEventJson {
    private DynamodbEventJson() {}

    public static DynamodbEvent event(JsonNode json) {
        var records = new ArrayList<DynamodbEvent.DynamodbStreamRecord>();
        json.path("Records").forEach(r -> records.add(record(r)));
        var event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    public static DynamodbEvent.DynamodbStreamRecord record(JsonNode json) {
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(text(json, "eventID"));
        record.setEventName(text(json, "eventName"));
        record.setEventVersion(text(json, "eventVersion"));
        record.setEventSource(text(json, "eventSource"));
        record.setAwsRegion(text(json, "awsRegion"));
        record.setEventSourceARN(text(json, "eventSourceARN"));
        var identity = json.path("userIdentity");
        if (identity.isObject()) {
            record.setUserIdentity(
                    new Identity().withType(text(identity, "type")).withPrincipalId(text(identity, "principalId")));
        }
        var change = json.path("dynamodb");
        var streamRecord = new StreamRecord();
        if (change.has("ApproximateCreationDateTime")) {
            // Seconds since the epoch, with a fraction.
            streamRecord.setApproximateCreationDateTime(
                    new Date((long) (change.get("ApproximateCreationDateTime").asDouble() * 1000)));
        }
        if (change.has("Keys")) {
            streamRecord.setKeys(attributes(change.get("Keys")));
        }
        if (change.has("NewImage")) {
            streamRecord.setNewImage(attributes(change.get("NewImage")));
        }
        if (change.has("OldImage")) {
            streamRecord.setOldImage(attributes(change.get("OldImage")));
        }
        streamRecord.setSequenceNumber(text(change, "SequenceNumber"));
        if (change.has("SizeBytes")) {
            streamRecord.setSizeBytes(change.get("SizeBytes").asLong());
        }
        if (change.has("StreamViewType")) {
            streamRecord.setStreamViewType(StreamViewType.fromValue(text(change, "StreamViewType")));
        }
        record.setDynamodb(streamRecord);
        return record;
    }

    private static Map<String, AttributeValue> attributes(JsonNode json) {
        var attributes = new LinkedHashMap<String, AttributeValue>();
        json.properties().forEach(e -> {
            var value = e.getValue();
            if (value.has("S")) {
                attributes.put(
                        e.getKey(), new AttributeValue().withS(value.get("S").asText()));
            } else if (value.has("N")) {
                attributes.put(
                        e.getKey(), new AttributeValue().withN(value.get("N").asText()));
            } else if (value.has("B")) {
                attributes.put(
                        e.getKey(),
                        new AttributeValue()
                                .withB(ByteBuffer.wrap(Base64.getDecoder()
                                        .decode(value.get("B").asText()))));
            }
        });
        return attributes;
    }

    private static String text(JsonNode json, String field) {
        var value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
