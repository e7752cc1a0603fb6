package com.safebook.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.safebook.core.audit.Actor;
import com.safebook.core.audit.RequestContext;
import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A view of an API Gateway proxy event for handlers: headers without regard to case, parameters,
 * and the body read strictly. Nothing here repeats submitted values in an error.
 */
public final class ApiRequest {
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final APIGatewayProxyRequestEvent event;
    private final ObjectMapper json;
    private final Map<String, String> headers;

    ApiRequest(APIGatewayProxyRequestEvent event, ObjectMapper json) {
        this.event = event;
        this.json = json;
        this.headers = event.getHeaders() == null
                ? Map.of()
                : event.getHeaders().entrySet().stream()
                        .filter(e -> e.getKey() != null && e.getValue() != null)
                        .collect(Collectors.toMap(
                                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, if there is one. */
    public Optional<String> bearerToken() {
        return header("Authorization")
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip())
                .filter(v -> !v.isEmpty());
    }

    public String pathParameter(String name) {
        var params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }

    public Optional<String> query(String name) {
        var params = event.getQueryStringParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    public String query(String name, String missingCode) {
        return query(name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new DomainException(
                        ErrorKind.MALFORMED_REQUEST, missingCode, "The query parameter '" + name + "' is required."));
    }

    /** The body as {@code type}, refusing a body that is too large, not JSON, or has unknown fields. */
    public <T> T body(Class<T> type) {
        var raw = rawBody();
        if (raw.length == 0) {
            throw malformed("body-required", "This request needs a JSON body.");
        }
        var contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            throw new DomainException(
                    ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    "The body must be sent as Content-Type: application/json.");
        }
        try {
            var value = json.readValue(raw, type);
            if (value == null) {
                throw malformed("body-required", "This request needs a JSON object as its body.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw malformed("unknown-field", "The body has a field this API does not accept.");
        } catch (MismatchedInputException e) {
            throw malformed("wrong-type", "A field of the body has the wrong type" + knownField(e) + ".");
        } catch (JsonProcessingException e) {
            throw malformed("malformed-json", "The body is not valid JSON (or repeats a key).");
        } catch (java.io.IOException e) {
            throw malformed("malformed-json", "The body could not be read.");
        }
    }

    /**
     * The claims the API's Cognito authorizer passed in {@code requestContext.authorizer.claims}, as
     * strings (a REST API joins lists with commas); empty on a route without an authorizer.
     */
    public Map<String, String> authorizerClaims() {
        var authorizer = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getAuthorizer();
        if (authorizer == null || !(authorizer.get("claims") instanceof Map<?, ?> claims)) {
            return Map.of();
        }
        return claims.entrySet().stream()
                .filter(e -> e.getKey() instanceof String && e.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(e -> (String) e.getKey(), e -> String.valueOf(e.getValue())));
    }

    public RequestContext context() {
        var identity = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getIdentity();
        return new RequestContext(
                Actor.anonymous(),
                event.getRequestContext() == null
                        ? ""
                        : event.getRequestContext().getRequestId(),
                identity == null ? null : identity.getSourceIp(),
                identity == null ? header("User-Agent").orElse(null) : identity.getUserAgent());
    }

    String method() {
        return event.getHttpMethod() == null ? "" : event.getHttpMethod();
    }

    /** The route template (such as {@code /bookings/{bookingId}}): it names no booking. */
    String resource() {
        return event.getResource() == null ? "" : event.getResource();
    }

    String requestId() {
        return event.getRequestContext() == null || event.getRequestContext().getRequestId() == null
                ? ""
                : event.getRequestContext().getRequestId();
    }

    private byte[] rawBody() {
        var body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        // Base64 takes 4 characters for 3 bytes; refuse before decoding anything large.
        var limit = Boolean.TRUE.equals(event.getIsBase64Encoded()) ? (MAX_BODY_BYTES / 3 + 1) * 4 : MAX_BODY_BYTES * 4;
        if (body.length() > limit) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = Boolean.TRUE.equals(event.getIsBase64Encoded())
                    ? Base64.getDecoder().decode(body)
                    : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("malformed-body", "The body is not valid base64.");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    /**
     * Names the field only when it is one of ours (a plain identifier), never submitted text: a map's
     * keys are the caller's, so an entry of a map is named {@code *}.
     */
    private static String knownField(MismatchedInputException e) {
        var path = e.getPath().stream()
                .map(ref -> ref.getFrom() instanceof Map<?, ?>
                        ? "*"
                        : ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.matches("[A-Za-z0-9_.*\\[\\]]{1,80}") ? " ('" + path + "')" : "";
    }

    private static DomainException tooLarge() {
        return new DomainException(
                ErrorKind.TOO_LARGE, "body-too-large", "The body is larger than " + MAX_BODY_BYTES + " bytes.");
    }

    private static DomainException malformed(String code, String message) {
        return new DomainException(ErrorKind.MALFORMED_REQUEST, code, message);
    }
}
