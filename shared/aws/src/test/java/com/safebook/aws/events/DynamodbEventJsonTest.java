package com.safebook.aws.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamodbEventJsonTest {
    /** A TTL deletion as Lambda delivers it from a stream with old images. */
    private static final String TTL_REMOVAL = """
            {"Records": [{
              "eventID": "c81e728d9d4c2f636f067f89cc14862c",
              "eventName": "REMOVE",
              "eventVersion": "1.1",
              "eventSource": "aws:dynamodb",
              "awsRegion": "eu-central-1",
              "eventSourceARN": "arn:aws:dynamodb:eu-central-1:123456789012:table/Bookings/stream/2026-03-01T00:00:00.000",
              "userIdentity": {"type": "Service", "principalId": "dynamodb.amazonaws.com"},
              "dynamodb": {
                "ApproximateCreationDateTime": 1772352000.5,
                "Keys": {"pk": {"S": "BOOKING#b-1"}, "sk": {"S": "BOOKING"}},
                "OldImage": {
                  "pk": {"S": "BOOKING#b-1"}, "expiresAt": {"N": "1772351999"}, "sealed": {"B": "AAEC"},
                  "confirmed": {"BOOL": true}, "note": {"NULL": true},
                  "slots": {"L": [{"S": "a"}, {"N": "2"}]}, "meta": {"M": {"v": {"N": "3"}}},
                  "tags": {"SS": ["x", "y"]}, "sizes": {"NS": ["1", "2"]}, "blobs": {"BS": ["AQ=="]}
                },
                "SequenceNumber": "111100000000000000000001",
                "SizeBytes": 120,
                "StreamViewType": "NEW_AND_OLD_IMAGES"
              }
            }]}
            """;

    @Test
    void readEvent_ttlRemovalWithOldImage_readsKeysIdentityTimeAndEveryAttributeType() throws IOException {
        var event = DynamodbEventJson.readEvent(stream(TTL_REMOVAL));

        var record = event.getRecords().getFirst();
        assertThat(record.getEventName()).isEqualTo("REMOVE");
        assertThat(record.getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
        var change = record.getDynamodb();
        assertThat(change.getApproximateCreationDateTime()).isEqualTo(new Date(1772352000500L));
        assertThat(change.getKeys().get("pk").getS()).isEqualTo("BOOKING#b-1");
        assertThat(change.getSequenceNumber()).isEqualTo("111100000000000000000001");
        var image = change.getOldImage();
        assertThat(image.get("expiresAt").getN()).isEqualTo("1772351999");
        assertThat(image.get("sealed").getB()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 2}));
        assertThat(image.get("confirmed").getBOOL()).isTrue();
        assertThat(image.get("note").isNULL()).isTrue();
        assertThat(image.get("slots").getL())
                .containsExactly(new AttributeValue().withS("a"), new AttributeValue().withN("2"));
        assertThat(image.get("meta").getM().get("v").getN()).isEqualTo("3");
        assertThat(image.get("tags").getSS()).containsExactly("x", "y");
        assertThat(image.get("sizes").getNS()).containsExactly("1", "2");
        assertThat(image.get("blobs").getBS()).containsExactly(ByteBuffer.wrap(new byte[] {1}));
    }

    @Test
    void writeResponse_failures_areWhatTheEventSourceReadsBack() throws IOException {
        var response = new StreamsEventResponse(List.of(
                new StreamsEventResponse.BatchItemFailure("111100000000000000000001"),
                new StreamsEventResponse.BatchItemFailure("111100000000000000000002")));

        var out = new ByteArrayOutputStream();
        DynamodbEventJson.writeResponse(response, out);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"111100000000000000000001\"},"
                        + "{\"itemIdentifier\":\"111100000000000000000002\"}]}");
        assertThat(DynamodbEventJson.readResponse(new ByteArrayInputStream(out.toByteArray())))
                .isEqualTo(response);
    }

    @Test
    void writeResponse_noFailures_isAnEmptyList() throws IOException {
        var out = new ByteArrayOutputStream();
        DynamodbEventJson.writeResponse(new StreamsEventResponse(List.of()), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void readEvent_notAnEventObject_isRefused() {
        assertThatThrownBy(() -> DynamodbEventJson.readEvent(stream("[]")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
