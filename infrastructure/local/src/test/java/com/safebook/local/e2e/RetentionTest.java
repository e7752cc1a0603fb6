package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.local.LocalStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Retention end to end: a booking whose retention has ended is hidden from the API at once, the
 * local TTL sweep deletes it as DynamoDB's TTL would, and the retention worker, fed from DynamoDB
 * Local's stream, audits the deletion as the DynamoDB service. A deletion by anyone else is not
 * audited as an expiry.
 */
class RetentionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiUnderTest api = new ApiUnderTest();

    @Test
    void expiredBooking_hiddenAtOnce_thenSweptAndAuditedAsTheTtlService() throws Exception {
        var stack = localStack();
        var booked = api.book(
                "consultation", api.freeSlot("consultation"), "Ada Lovelace", "ada@example.com", ApiUnderTest.newKey());
        assertThat(booked.status()).isEqualTo(201);
        var bookingId = booked.json().path("bookingId").asText();
        var auth = Map.of(
                "Authorization", "Bearer " + booked.json().path("manageToken").asText());
        assertThat(api.get("/bookings/" + bookingId, auth).status()).isEqualTo(200);

        try (var raw = rawClient(stack)) {
            var key = Map.of("pk", AttributeValue.fromS("BOOKING#" + bookingId), "sk", AttributeValue.fromS("BOOKING"));
            // The booking's retention ended a minute ago; DynamoDB's TTL has not come by yet.
            raw.updateItem(r -> r.tableName("BookingsTable")
                    .key(key)
                    .updateExpression("SET expiresAt = :past")
                    .expressionAttributeValues(Map.of(
                            ":past",
                            AttributeValue.fromN(
                                    Long.toString(Instant.now().minusSeconds(60).getEpochSecond())))));
            assertThat(api.get("/bookings/" + bookingId, auth).status())
                    .as("hidden before TTL deletes it")
                    .isEqualTo(404);
            assertThat(raw.getItem(r -> r.tableName("BookingsTable").key(key)).hasItem())
                    .isTrue();

            assertThat(stack.sweepExpiredItems()).isGreaterThanOrEqualTo(1);

            assertThat(raw.getItem(r -> r.tableName("BookingsTable").key(key)).hasItem())
                    .isFalse();
            var expiries = expiryRecords(raw, "safebook:booking/" + bookingId);
            assertThat(expiries).singleElement().satisfies(record -> {
                assertThat(record.path("eventSource").asText()).isEqualTo("retention.safebook");
                assertThat(record.path("eventName").asText()).isEqualTo("ExpireBooking");
                assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("AWSService");
                assertThat(record.path("userIdentity").path("principalId").asText())
                        .isEqualTo("dynamodb.amazonaws.com");
                assertThat(record.path("readOnly").asBoolean()).isFalse();
                assertThat(record.toString()).doesNotContain("Ada", "ada@example.com");
            });

            // Swept again (nothing left) and the streams read again: still one record.
            stack.sweepExpiredItems();
            assertThat(expiryRecords(raw, "safebook:booking/" + bookingId)).hasSize(1);
        }
    }

    @Test
    void deletionNotByTtl_isNotAuditedAsAnExpiry() throws Exception {
        var stack = localStack();
        var booked = api.book(
                "consultation",
                api.freeSlot("consultation"),
                "Grace Hopper",
                "grace@example.com",
                ApiUnderTest.newKey());
        var bookingId = booked.json().path("bookingId").asText();
        try (var raw = rawClient(stack)) {
            raw.deleteItem(r -> r.tableName("BookingsTable")
                    .key(Map.of(
                            "pk",
                            AttributeValue.fromS("BOOKING#" + bookingId),
                            "sk",
                            AttributeValue.fromS("BOOKING"))));

            stack.sweepExpiredItems();

            assertThat(expiryRecords(raw, "safebook:booking/" + bookingId)).isEmpty();
        }
    }

    private static List<JsonNode> expiryRecords(DynamoDbClient raw, String resource) throws Exception {
        var found = new ArrayList<JsonNode>();
        for (var item : raw.scanPaginator(r -> r.tableName("AuditTable")).items()) {
            var record = JSON.readTree(item.get("record").s());
            if (record.path("eventSource").asText().equals("retention.safebook")
                    && record.path("resources").toString().contains("\"" + resource + "\"")) {
                found.add(record);
            }
        }
        return found;
    }

    private static LocalStack localStack() {
        var stack = ApiUnderTest.localStack();
        assumeTrue(stack.isPresent(), "needs the local stack in this JVM (sweeps it, scans its audit table)");
        return stack.get();
    }

    private static DynamoDbClient rawClient(LocalStack stack) {
        return ApiUnderTest.rawDynamoDb(stack);
    }
}
