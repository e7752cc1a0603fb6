package com.safebook.aws.events;

import static com.safebook.aws.events.EventJson.text;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DynamoDB stream event from the JSON Lambda delivers ({@code {"Records":[...]}}), read into
 * {@link DynamodbEvent} as the runtime's serializer would, and a batch's answer written as it would:
 * the retention function is a stream handler that reads its events with this, so the runtime's own
 * serialization never loads, and tests read their fixtures with it. Keys hold strings, numbers and
 * binaries; images hold every type of attribute.
 */
public final class DynamodbEventJson {
    private DynamodbEventJson() {}

    /** The event Lambda hands a stream handler; a document that is not one is refused. */
    public static DynamodbEvent readEvent(InputStream input) throws IOException {
        return event(EventJson.readObject(input, "a DynamoDB stream event"));
    }

    /** A batch's answer, as the runtime's serializer writes it: {@code {"batchItemFailures":[{"itemIdentifier":...}]}}. */
    public static void writeResponse(StreamsEventResponse response, OutputStream output) throws IOException {
        var json = EventJson.MAPPER.createObjectNode();
        var failures = json.putArray("batchItemFailures");
        if (response != null && response.getBatchItemFailures() != null) {
            response.getBatchItemFailures()
                    .forEach(f -> failures.addObject().put("itemIdentifier", f.getItemIdentifier()));
        }
        output.write(EventJson.WRITER.writeValueAsBytes(json));
    }

    /** A batch's answer as the event source reads it; anything but a list of failures is none. */
    public static StreamsEventResponse readResponse(InputStream input) throws IOException {
        var json = EventJson.MAPPER.readTree(input);
        var failures = new ArrayList<StreamsEventResponse.BatchItemFailure>();
        if (json != null) {
            json.path("batchItemFailures")
                    .forEach(f -> failures.add(new StreamsEventResponse.BatchItemFailure(text(f, "itemIdentifier"))));
        }
        return new StreamsEventResponse(failures);
    }

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
        json.properties().forEach(e -> attributes.put(e.getKey(), attribute(e.getValue())));
        return attributes;
    }

    /** One attribute value in DynamoDB's JSON ({@code {"S":...}}, {@code {"M":{...}}}, ...). */
    private static AttributeValue attribute(JsonNode json) {
        var value = new AttributeValue();
        if (json.has("S")) {
            value.setS(json.get("S").asText());
        } else if (json.has("N")) {
            value.setN(json.get("N").asText());
        } else if (json.has("B")) {
            value.setB(binary(json.get("B")));
        } else if (json.has("BOOL")) {
            value.setBOOL(json.get("BOOL").asBoolean());
        } else if (json.has("NULL")) {
            value.setNULL(json.get("NULL").asBoolean());
        } else if (json.has("M")) {
            value.setM(attributes(json.get("M")));
        } else if (json.has("L")) {
            var list = new ArrayList<AttributeValue>();
            json.get("L").forEach(v -> list.add(attribute(v)));
            value.setL(list);
        } else if (json.has("SS")) {
            value.setSS(texts(json.get("SS")));
        } else if (json.has("NS")) {
            value.setNS(texts(json.get("NS")));
        } else if (json.has("BS")) {
            var binaries = new ArrayList<ByteBuffer>();
            json.get("BS").forEach(v -> binaries.add(binary(v)));
            value.setBS(binaries);
        }
        return value;
    }

    private static ByteBuffer binary(JsonNode json) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(json.asText()));
    }

    private static List<String> texts(JsonNode json) {
        var texts = new ArrayList<String>();
        json.forEach(v -> texts.add(v.asText()));
        return texts;
    }
}
