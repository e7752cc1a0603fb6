package com.safebook.aws.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * SnapStart priming of the API's JSON: the mapper builds and caches its reader for each request
 * body and its writer for each view (Jackson fetches them eagerly), then parses and writes a small
 * document and a problem, so that a restored function reads and answers its first request with
 * Jackson already loaded.
 */
public final class JsonPriming {
    private static final String SAMPLE = "{\"text\":\"snapstart-priming\",\"number\":1,\"flag\":true,"
            + "\"nothing\":null,\"list\":[1.5,\"a\"],\"object\":{\"nested\":\"b\"}}";

    private JsonPriming() {}

    public static void prime(ObjectMapper json, List<Class<?>> bodies, List<Class<?>> views)
            throws JsonProcessingException {
        bodies.forEach(json::readerFor);
        views.forEach(json::writerFor);
        json.writeValueAsString(json.readTree(SAMPLE));
        json.writeValueAsString(
                new Problem(Problem.TYPE_PREFIX + "snapstart-priming", "Priming", 400, "Priming", "-", null));
    }
}
