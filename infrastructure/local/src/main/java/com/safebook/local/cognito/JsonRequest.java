package com.safebook.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON body of one request, with the input checks of the AWS JSON protocol. Error messages name the
 * member, never its value.
 */
final class JsonRequest {
    private final JsonNode body;

    private JsonRequest(JsonNode body) {
        this.body = body;
    }

    static JsonRequest parse(ObjectMapper json, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new JsonRequest(json.createObjectNode());
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (IOException e) {
            throw new CognitoServiceException("SerializationException", "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new CognitoServiceException("SerializationException", "The request body is not a JSON object.");
        }
        return new JsonRequest(node);
    }

    String requiredText(String member) {
        return text(member).orElseThrow(() -> missing(member));
    }

    Optional<String> text(String member) {
        var node = body.get(member);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw CognitoServiceException.invalidParameter(member + " must be a string.");
        }
        return node.textValue().isEmpty() ? Optional.empty() : Optional.of(node.textValue());
    }

    boolean bool(String member, boolean absent) {
        var node = body.get(member);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw CognitoServiceException.invalidParameter(member + " must be a boolean.");
        }
        return node.booleanValue();
    }

    /** An integer member within {@code [min, max]}; {@code absent} when missing. */
    int integer(String member, int min, int max, int absent) {
        var node = body.get(member);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw CognitoServiceException.invalidParameter(member + " must be an integer.");
        }
        int value = node.intValue();
        if (value < min || value > max) {
            throw CognitoServiceException.invalidParameter("1 validation error detected: Value at '"
                    + camel(member) + "' failed to satisfy constraint: Member must have value between "
                    + min + " and " + max);
        }
        return value;
    }

    /** A map of strings such as AuthParameters; empty when missing. */
    Map<String, String> stringMap(String member) {
        var node = body.get(member);
        var out = new LinkedHashMap<String, String>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw CognitoServiceException.invalidParameter(member + " must be a map of strings.");
        }
        for (var entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw CognitoServiceException.invalidParameter(member + " must be a map of strings.");
            }
            out.put(entry.getKey(), entry.getValue().textValue());
        }
        return out;
    }

    /** A list of {@code {"Name": ..., "Value": ...}} such as UserAttributes, in order. */
    Map<String, String> attributeList(String member) {
        var node = body.get(member);
        var out = new LinkedHashMap<String, String>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw CognitoServiceException.invalidParameter(member + " must be a list of attributes.");
        }
        for (var item : node) {
            var name = item.get("Name");
            var value = item.get("Value");
            if (name == null || !name.isTextual() || (value != null && !value.isNull() && !value.isTextual())) {
                throw CognitoServiceException.invalidParameter(member + " must be a list of attributes.");
            }
            out.put(name.textValue(), value == null || value.isNull() ? "" : value.textValue());
        }
        return out;
    }

    List<String> stringList(String member) {
        var node = body.get(member);
        var out = new ArrayList<String>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw CognitoServiceException.invalidParameter(member + " must be a list of strings.");
        }
        for (var item : node) {
            if (!item.isTextual()) {
                throw CognitoServiceException.invalidParameter(member + " must be a list of strings.");
            }
            out.add(item.textValue());
        }
        return out;
    }

    static CognitoServiceException missing(String member) {
        return CognitoServiceException.invalidParameter("1 validation error detected: Value at '" + camel(member)
                + "' failed to satisfy constraint: Member must not be null");
    }

    private static String camel(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
