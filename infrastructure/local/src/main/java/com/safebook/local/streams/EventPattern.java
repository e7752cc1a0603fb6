package com.safebook.local.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * An event filter pattern of a Lambda event source mapping, the subset of EventBridge's syntax
 * SafeBook's template may use: nested objects, lists of exact values (strings, numbers, booleans,
 * null), {@code {"prefix": ...}}, {@code {"anything-but": [...]}} and {@code {"exists": bool}}.
 * Anything else is refused when the stack starts, rather than matched differently from Lambda.
 */
public final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
        check(pattern);
    }

    public static EventPattern parse(String pattern) {
        try {
            return new EventPattern(JSON.readTree(pattern));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("A filter pattern is not JSON", e);
        }
    }

    public boolean matches(JsonNode event) {
        return matches(pattern, event);
    }

    private static boolean matches(JsonNode pattern, JsonNode event) {
        var fields = pattern.properties().iterator();
        while (fields.hasNext()) {
            var field = fields.next();
            var value = event == null ? null : event.get(field.getKey());
            var rule = field.getValue();
            boolean ok =
                    rule.isObject() ? value != null && value.isObject() && matches(rule, value) : anyOf(rule, value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyOf(JsonNode alternatives, JsonNode value) {
        for (var alternative : alternatives) {
            if (alternative.isObject()) {
                if (operator(alternative, value)) {
                    return true;
                }
            } else if (value != null && !value.isContainerNode() && scalarEquals(alternative, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean operator(JsonNode operator, JsonNode value) {
        if (operator.has("prefix")) {
            return value != null
                    && value.isTextual()
                    && value.asText().startsWith(operator.get("prefix").asText());
        }
        if (operator.has("exists")) {
            return operator.get("exists").asBoolean() == (value != null);
        }
        if (operator.has("anything-but")) {
            var excluded = operator.get("anything-but");
            if (value == null || value.isContainerNode()) {
                return false;
            }
            if (excluded.isArray()) {
                for (var e : excluded) {
                    if (scalarEquals(e, value)) {
                        return false;
                    }
                }
                return true;
            }
            return !scalarEquals(excluded, value);
        }
        return false;
    }

    private static boolean scalarEquals(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.getNodeType() == actual.getNodeType()
                && expected.asText().equals(actual.asText());
    }

    private static void check(JsonNode node) {
        node.properties().forEach(field -> {
            var rule = field.getValue();
            if (rule.isObject()) {
                check(rule);
            } else if (rule.isArray()) {
                rule.forEach(alternative -> {
                    if (alternative.isObject()
                            && !(alternative.size() == 1
                                    && (alternative.has("prefix")
                                            || alternative.has("exists")
                                            || alternative.has("anything-but")))) {
                        throw new IllegalArgumentException(
                                "The local stack does not run this filter operator: " + alternative);
                    }
                });
            } else {
                throw new IllegalArgumentException("A filter pattern's values are lists or objects: " + field.getKey());
            }
        });
    }
}
