package com.safebook.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** Recorded transactions as the runtime hands them over: maps, lists, strings and booleans. */
class WireTransactItemsTest {
    private static final Map<String, Object> CHECK = Map.of(
            "ConditionCheck",
            Map.of(
                    "TableName", "BookingsTable",
                    "Key", Map.of("pk", Map.of("S", "SERVICE#cut"), "sk", Map.of("S", "SERVICE")),
                    "ConditionExpression", "attribute_exists(pk) AND #a0 = :v0",
                    "ExpressionAttributeNames", Map.of("#a0", "minutes"),
                    "ExpressionAttributeValues", Map.of(":v0", Map.of("N", "30"))));

    private static final Map<String, Object> PUT = Map.of(
            "Put",
            Map.of(
                    "TableName", "BookingsTable",
                    "Item",
                            Map.of(
                                    "pk", Map.of("S", "IDEMPOTENCY#k1"),
                                    "sk", Map.of("S", "IDEMPOTENCY"),
                                    "gsi1pk", Map.of("S", "DAY#2026-11-25"),
                                    "gsi1sk", Map.of("S", "10:00"),
                                    "expiresAt", Map.of("N", "1700000000")),
                    "ConditionExpression", "attribute_not_exists(pk) OR expiresAt < :now",
                    "ExpressionAttributeValues", Map.of(":now", Map.of("N", "1600000000")),
                    "ReturnValuesOnConditionCheckFailure", "ALL_OLD"));

    @Test
    void read_putsAndChecks_keepsEverythingButGivesEachPutNewPartitionKeys() {
        var items = WireTransactItems.read(List.of(CHECK, PUT), "#req-1");

        assertThat(items).hasSize(2);
        var check = items.get(0).conditionCheck();
        assertThat(check.tableName()).isEqualTo("BookingsTable");
        assertThat(check.key()).containsEntry("pk", AttributeValue.fromS("SERVICE#cut"));
        assertThat(check.conditionExpression()).isEqualTo("attribute_exists(pk) AND #a0 = :v0");
        assertThat(check.expressionAttributeNames()).containsEntry("#a0", "minutes");
        assertThat(check.expressionAttributeValues()).containsEntry(":v0", AttributeValue.fromN("30"));
        var put = items.get(1).put();
        assertThat(put.tableName()).isEqualTo("BookingsTable");
        assertThat(put.item())
                .containsEntry("pk", AttributeValue.fromS("IDEMPOTENCY#k1#req-1"))
                .containsEntry("sk", AttributeValue.fromS("IDEMPOTENCY"))
                .containsEntry("gsi1pk", AttributeValue.fromS("DAY#2026-11-25#req-1"))
                .containsEntry("gsi1sk", AttributeValue.fromS("10:00"))
                .containsEntry("expiresAt", AttributeValue.fromN("1700000000"));
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(pk) OR expiresAt < :now");
        assertThat(put.expressionAttributeValues()).containsEntry(":now", AttributeValue.fromN("1600000000"));
        assertThat(put.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    @Test
    void attributeValue_everyType_readsAsTheSdkModelsIt() {
        var sealed = Base64.getEncoder().encodeToString("sealed".getBytes(StandardCharsets.UTF_8));

        assertThat(WireTransactItems.attributeValue(Map.of("B", sealed)))
                .isEqualTo(AttributeValue.fromB(SdkBytes.fromUtf8String("sealed")));
        assertThat(WireTransactItems.attributeValue(Map.of("BOOL", true))).isEqualTo(AttributeValue.fromBool(true));
        assertThat(WireTransactItems.attributeValue(Map.of("NULL", true))).isEqualTo(AttributeValue.fromNul(true));
        assertThat(WireTransactItems.attributeValue(Map.of("SS", List.of("a", "b"))))
                .isEqualTo(AttributeValue.fromSs(List.of("a", "b")));
        assertThat(WireTransactItems.attributeValue(Map.of("NS", List.of("1", "2"))))
                .isEqualTo(AttributeValue.fromNs(List.of("1", "2")));
        assertThat(WireTransactItems.attributeValue(Map.of("BS", List.of(sealed))))
                .isEqualTo(AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("sealed"))));
        assertThat(WireTransactItems.attributeValue(
                        Map.of("M", Map.of("at", Map.of("L", List.of(Map.of("S", "x"), Map.of("N", "1")))))))
                .isEqualTo(AttributeValue.fromM(Map.of(
                        "at", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1"))))));
    }

    @Test
    void read_anUpdateOrAMalformedItem_isRefused() {
        var update = Map.<String, Object>of("Update", Map.of("TableName", "BookingsTable"));

        assertThatThrownBy(() -> WireTransactItems.read(List.of(update), "#r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Only Put and ConditionCheck");
        assertThatThrownBy(() -> WireTransactItems.attributeValue(Map.of("S", "a", "N", "1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireTransactItems.read(Map.of(), "#r")).isInstanceOf(IllegalArgumentException.class);
    }
}
