package com.safebook.aws.events;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the event codecs share: one lenient mapper (an event is AWS's document, not a caller's:
 * unknown fields are ignored), a writer that escapes every character past ASCII, and field readers.
 */
final class EventJson {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    /**
     * Every character past ASCII written as an escape: the JSON stays exact whatever the text holds,
     * a lone surrogate of a caller's included, where UTF-8 output would have to refuse it.
     */
    static final ObjectWriter WRITER = MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private EventJson() {}

    /** The document, if it is a JSON object; refused otherwise, without quoting it. */
    static JsonNode readObject(InputStream input, String what) throws IOException {
        var json = MAPPER.readTree(input);
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("The input is not " + what + " (a JSON object)");
        }
        return json;
    }

    static String text(JsonNode json, String field) {
        var value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Boolean bool(JsonNode json, String field) {
        var value = json.get(field);
        return value == null || value.isNull() ? null : value.asBoolean();
    }
}
