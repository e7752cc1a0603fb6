package com.safebook.aws.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.error.Violation;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is stable ({@code urn:safebook:problem:<code>});
 * nothing in it repeats what the caller submitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String requestId, List<Violation> violations) {
    public static final String TYPE_PREFIX = "urn:safebook:problem:";

    static int status(ErrorKind kind) {
        return switch (kind) {
            case MALFORMED_REQUEST -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case INVALID -> 422;
            case THROTTLED -> 429;
            case DEPENDENCY_UNAVAILABLE -> 503;
            case DATA_INTEGRITY -> 500;
        };
    }

    static String title(ErrorKind kind) {
        return switch (kind) {
            case MALFORMED_REQUEST -> "Malformed request";
            case UNAUTHENTICATED -> "Not signed in";
            case FORBIDDEN -> "Not allowed";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case TOO_LARGE -> "Request too large";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type";
            case INVALID -> "Invalid request";
            case THROTTLED -> "Too many requests";
            case DEPENDENCY_UNAVAILABLE -> "Temporarily unavailable";
            case DATA_INTEGRITY -> "Stored data failed its integrity check";
        };
    }
}
