package com.safebook.aws.http;

import java.util.Map;

/** What a handler answers: a status, a body to write as JSON (or none), and extra headers. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {
    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body, String location) {
        return new ApiResponse(201, body, Map.of("Location", location));
    }
}
