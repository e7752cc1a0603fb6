package com.safebook.bench.floor;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A {@code TransactWriteItems} request's {@code TransactItems} in DynamoDB's JSON wire format, as the
 * runtime hands a Lambda event over (maps, lists, strings and booleans), read into the SDK's model so
 * that a recorded transaction can be sent again. Reads the two kinds a new customer's booking has,
 * {@code Put} and {@code ConditionCheck}, and refuses any other.
 *
 * <p>Hand-written: the SDK reads its wire format only inside its own response handling, and the
 * floor's jar carries no JSON library of its own.
 */
final class WireTransactItems {
    private WireTransactItems() {}

    /**
     * The items, with each {@code Put}'s partition keys followed by {@code keySuffix}: its {@code pk},
     * so that the same recorded puts can be written again as new items (their conditions,
     * {@code attribute_not_exists(pk)}, then hold as they did the first time), and its index partition
     * keys (SafeBook names them {@code gsi1pk}, {@code gsi2pk}), so that the replayed items, which
     * DynamoDB still indexes, land in partitions of their own rather than in the day or the person that
     * the other functions read. Condition checks are kept as recorded.
     */
    static List<TransactWriteItem> read(Object transactItems, String keySuffix) {
        var items = new ArrayList<TransactWriteItem>();
        for (var wire : list(transactItems, "TransactItems")) {
            var item = map(wire, "a transaction item");
            if (item.get("Put") != null) {
                items.add(TransactWriteItem.builder()
                        .put(put(map(item.get("Put"), "Put"), keySuffix))
                        .build());
            } else if (item.get("ConditionCheck") != null) {
                items.add(TransactWriteItem.builder()
                        .conditionCheck(conditionCheck(map(item.get("ConditionCheck"), "ConditionCheck")))
                        .build());
            } else {
                throw new IllegalArgumentException("Only Put and ConditionCheck are replayed, not " + item.keySet());
            }
        }
        return List.copyOf(items);
    }

    private static Put put(Map<?, ?> wire, String keySuffix) {
        var item = attributes(wire.get("Item"));
        var key = item.get("pk");
        if (key == null || key.s() == null) {
            throw new IllegalArgumentException("A replayed Put needs a string pk");
        }
        item.replaceAll((name, value) ->
                isPartitionKey(name) && value.s() != null ? AttributeValue.fromS(value.s() + keySuffix) : value);
        var put = Put.builder()
                .tableName(string(wire.get("TableName"), "TableName"))
                .item(item)
                .conditionExpression(optionalString(wire.get("ConditionExpression")))
                .returnValuesOnConditionCheckFailure(optionalString(wire.get("ReturnValuesOnConditionCheckFailure")));
        if (wire.get("ExpressionAttributeNames") != null) {
            put.expressionAttributeNames(names(wire.get("ExpressionAttributeNames")));
        }
        if (wire.get("ExpressionAttributeValues") != null) {
            put.expressionAttributeValues(attributes(wire.get("ExpressionAttributeValues")));
        }
        return put.build();
    }

    private static boolean isPartitionKey(String attribute) {
        return attribute.equals("pk") || (attribute.startsWith("gsi") && attribute.endsWith("pk"));
    }

    private static ConditionCheck conditionCheck(Map<?, ?> wire) {
        var check = ConditionCheck.builder()
                .tableName(string(wire.get("TableName"), "TableName"))
                .key(attributes(wire.get("Key")))
                .conditionExpression(string(wire.get("ConditionExpression"), "ConditionExpression"))
                .returnValuesOnConditionCheckFailure(optionalString(wire.get("ReturnValuesOnConditionCheckFailure")));
        if (wire.get("ExpressionAttributeNames") != null) {
            check.expressionAttributeNames(names(wire.get("ExpressionAttributeNames")));
        }
        if (wire.get("ExpressionAttributeValues") != null) {
            check.expressionAttributeValues(attributes(wire.get("ExpressionAttributeValues")));
        }
        return check.build();
    }

    /** A map of attribute values in the wire format: {@code {"name": {"S": "..."}, ...}}. */
    static Map<String, AttributeValue> attributes(Object wire) {
        var attributes = new LinkedHashMap<String, AttributeValue>();
        map(wire, "an attribute map").forEach((name, value) -> attributes.put((String) name, attributeValue(value)));
        return attributes;
    }

    /** One attribute value in the wire format: {@code {"S": "..."}}, {@code {"M": {...}}} and so on. */
    static AttributeValue attributeValue(Object wire) {
        var value = map(wire, "an attribute value");
        if (value.size() != 1) {
            throw new IllegalArgumentException("An attribute value has exactly one type, not " + value.keySet());
        }
        var entry = value.entrySet().iterator().next();
        var content = entry.getValue();
        return switch ((String) entry.getKey()) {
            case "S" -> AttributeValue.fromS(string(content, "S"));
            case "N" -> AttributeValue.fromN(string(content, "N"));
            case "B" -> AttributeValue.fromB(bytes(content));
            case "BOOL" -> AttributeValue.fromBool((Boolean) content);
            case "NULL" -> AttributeValue.fromNul((Boolean) content);
            case "M" -> AttributeValue.fromM(attributes(content));
            case "L" ->
                AttributeValue.fromL(list(content, "L").stream()
                        .map(WireTransactItems::attributeValue)
                        .toList());
            case "SS" -> AttributeValue.fromSs(strings(content, "SS"));
            case "NS" -> AttributeValue.fromNs(strings(content, "NS"));
            case "BS" ->
                AttributeValue.fromBs(list(content, "BS").stream()
                        .map(WireTransactItems::bytes)
                        .toList());
            default -> throw new IllegalArgumentException("No attribute type " + entry.getKey());
        };
    }

    private static Map<String, String> names(Object wire) {
        var names = new LinkedHashMap<String, String>();
        map(wire, "ExpressionAttributeNames").forEach((k, v) -> names.put((String) k, string(v, "a name")));
        return names;
    }

    private static SdkBytes bytes(Object wire) {
        return SdkBytes.fromByteArray(Base64.getDecoder().decode(string(wire, "B")));
    }

    private static List<String> strings(Object wire, String what) {
        return list(wire, what).stream().map(s -> string(s, what)).toList();
    }

    private static Map<?, ?> map(Object wire, String what) {
        if (wire instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("Expected " + what + " as an object");
    }

    private static List<?> list(Object wire, String what) {
        if (wire instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("Expected " + what + " as an array");
    }

    private static String string(Object wire, String what) {
        if (wire instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("Expected " + what + " as a string");
    }

    private static String optionalString(Object wire) {
        return wire == null ? null : string(wire, "a string");
    }
}
