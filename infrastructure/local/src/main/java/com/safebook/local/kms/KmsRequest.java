package com.safebook.local.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON body of one KMS request, read field by field with the checks KMS makes. Binary fields are
 * base64 strings, as in the AWS JSON protocol. Failures are {@code ValidationException}s that name the
 * field, never its value.
 */
final class KmsRequest {
    private final JsonNode body;

    private KmsRequest(JsonNode body) {
        this.body = body;
    }

    static KmsRequest parse(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            return new KmsRequest(json.createObjectNode());
        }
        try {
            var node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                return new KmsRequest(json.createObjectNode());
            }
            if (!node.isObject()) {
                throw KmsException.validation("The request body must be a JSON object");
            }
            return new KmsRequest(node);
        } catch (JsonProcessingException e) {
            throw KmsException.validation("The request body is not valid JSON");
        } catch (IOException e) {
            throw KmsException.validation("The request body cannot be read");
        }
    }

    Optional<String> optionalString(String field) {
        var node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw KmsException.validation(field + " must be a string");
        }
        return Optional.of(node.textValue());
    }

    String requiredString(String field) {
        var value = optionalString(field).orElseThrow(() -> missing(field));
        if (value.isEmpty()) {
            throw KmsException.validation(field + " must not be empty");
        }
        return value;
    }

    byte[] requiredBlob(String field, int minLength, int maxLength) {
        return optionalBlob(field, minLength, maxLength).orElseThrow(() -> missing(field));
    }

    Optional<byte[]> optionalBlob(String field, int minLength, int maxLength) {
        return optionalString(field).map(text -> {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw KmsException.validation(field + " is not valid base64");
            }
            if (bytes.length < minLength || bytes.length > maxLength) {
                throw KmsException.validation(
                        field + " must be between " + minLength + " and " + maxLength + " bytes long");
            }
            return bytes;
        });
    }

    Optional<Integer> optionalInt(String field, int min, int max) {
        var node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw KmsException.validation(field + " must be a whole number from " + min + " to " + max);
        }
        return Optional.of(node.intValue());
    }

    boolean flag(String field) {
        var node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw KmsException.validation(field + " must be true or false");
        }
        return node.booleanValue();
    }

    <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return optionalString(field).map(value -> {
            for (var constant : type.getEnumConstants()) {
                if (constant.name().equals(value)) {
                    return constant;
                }
            }
            throw KmsException.validation("Value at '" + field + "' failed to satisfy constraint: Member must"
                    + " satisfy enum value set: " + Arrays.toString(type.getEnumConstants()));
        });
    }

    <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(() -> missing(field));
    }

    /** The encryption context: a map of strings to strings; absent is the same as empty. */
    Map<String, String> encryptionContext(String field) {
        var node = body.get(field);
        var context = new LinkedHashMap<String, String>();
        if (node == null || node.isNull()) {
            return context;
        }
        if (!node.isObject()) {
            throw KmsException.validation(field + " must be a map of strings to strings");
        }
        for (var entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw KmsException.validation(field + " must be a map of strings to strings");
            }
            context.put(entry.getKey(), entry.getValue().textValue());
        }
        return context;
    }

    private static KmsException missing(String field) {
        return KmsException.validation("1 validation error detected: Value null at '" + field
                + "' failed to satisfy constraint: Member must not be null");
    }
}
