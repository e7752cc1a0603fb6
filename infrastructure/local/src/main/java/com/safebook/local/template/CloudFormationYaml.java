package com.safebook.local.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a CloudFormation/SAM template written in YAML into a JSON tree, turning the short-form
 * intrinsic tags into their long form, as CloudFormation does: {@code !Ref X} becomes
 * {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}, and any
 * other {@code !Name v} becomes {@code {"Fn::Name": v}}.
 */
public final class CloudFormationYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {}

    public static JsonNode read(InputStream yaml) throws IOException {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var token = parser.nextToken();
            return token == null ? NODES.objectNode() : value(parser);
        }
    }

    private static JsonNode value(JsonParser parser) throws IOException {
        var typeId = parser.getTypeId();
        var tag = typeId == null ? null : typeId.toString();
        JsonNode node =
                switch (parser.currentToken()) {
                    case START_OBJECT -> object(parser);
                    case START_ARRAY -> array(parser);
                    case VALUE_STRING -> NODES.textNode(parser.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
                    case VALUE_TRUE -> NODES.booleanNode(true);
                    case VALUE_FALSE -> NODES.booleanNode(false);
                    default -> NODES.nullNode();
                };
        return tag == null ? node : intrinsic(tag, node);
    }

    private static JsonNode intrinsic(String tag, JsonNode node) {
        var wrapper = NODES.objectNode();
        if (tag.equals("Ref") || tag.equals("Condition")) {
            wrapper.set(tag, node);
        } else if (tag.equals("GetAtt") && node.isTextual()) {
            var parts = node.asText().split("\\.", 2);
            var pair = NODES.arrayNode().add(parts[0]);
            if (parts.length > 1) {
                pair.add(parts[1]);
            }
            wrapper.set("Fn::GetAtt", pair);
        } else {
            wrapper.set("Fn::" + tag, node);
        }
        return wrapper;
    }

    private static ObjectNode object(JsonParser parser) throws IOException {
        var object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            var name = parser.currentName();
            parser.nextToken();
            object.set(name, value(parser));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        var array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser));
        }
        return array;
    }
}
