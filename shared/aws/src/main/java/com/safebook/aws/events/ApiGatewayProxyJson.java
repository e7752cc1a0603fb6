package com.safebook.aws.events;

import static com.safebook.aws.events.EventJson.bool;
import static com.safebook.aws.events.EventJson.text;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of API Gateway's REST proxy integration (payload format 1.0), read into and written from
 * the lambda-events classes by name, field by field. Functions read their events with it as stream
 * handlers, so the runtime's own serialization (a second, shaded Jackson that introspects the event
 * classes, and Joda-Time) never loads; the local stack writes the events it sends and reads the
 * answers with it, so both sides of the wire are the same code.
 *
 * <p>The event is API Gateway's, not the caller's: it is read leniently (unknown fields ignored,
 * duplicate names the last one's), while the body inside it is the caller's and is read strictly by
 * the request view. A document that is not an event object at all is refused with
 * {@link IllegalArgumentException}, which the runtime reports as the function's error.
 */
public final class ApiGatewayProxyJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApiGatewayProxyJson() {}

    public static APIGatewayProxyRequestEvent readRequest(InputStream input) throws IOException {
        return request(EventJson.readObject(input, "an API Gateway proxy event"));
    }

    public static void writeRequest(APIGatewayProxyRequestEvent event, OutputStream output) throws IOException {
        output.write(EventJson.WRITER.writeValueAsBytes(json(event)));
    }

    public static APIGatewayProxyResponseEvent readResponse(InputStream input) throws IOException {
        return response(EventJson.readObject(input, "an API Gateway proxy response"));
    }

    public static void writeResponse(APIGatewayProxyResponseEvent response, OutputStream output) throws IOException {
        output.write(EventJson.WRITER.writeValueAsBytes(json(response)));
    }

    public static APIGatewayProxyRequestEvent request(JsonNode json) {
        var event = new APIGatewayProxyRequestEvent();
        event.setResource(text(json, "resource"));
        event.setPath(text(json, "path"));
        event.setHttpMethod(text(json, "httpMethod"));
        event.setHeaders(strings(json.get("headers")));
        event.setMultiValueHeaders(stringLists(json.get("multiValueHeaders")));
        event.setQueryStringParameters(strings(json.get("queryStringParameters")));
        event.setMultiValueQueryStringParameters(stringLists(json.get("multiValueQueryStringParameters")));
        event.setPathParameters(strings(json.get("pathParameters")));
        event.setStageVariables(strings(json.get("stageVariables")));
        var context = json.get("requestContext");
        if (context != null && context.isObject()) {
            event.setRequestContext(requestContext(context));
        }
        event.setBody(text(json, "body"));
        event.setIsBase64Encoded(bool(json, "isBase64Encoded"));
        return event;
    }

    public static ObjectNode json(APIGatewayProxyRequestEvent event) {
        var json = NODES.objectNode();
        json.put("resource", event.getResource());
        json.put("path", event.getPath());
        json.put("httpMethod", event.getHttpMethod());
        json.set("headers", strings(event.getHeaders()));
        json.set("multiValueHeaders", stringLists(event.getMultiValueHeaders()));
        json.set("queryStringParameters", strings(event.getQueryStringParameters()));
        json.set("multiValueQueryStringParameters", stringLists(event.getMultiValueQueryStringParameters()));
        json.set("pathParameters", strings(event.getPathParameters()));
        json.set("stageVariables", strings(event.getStageVariables()));
        json.set("requestContext", requestContext(event.getRequestContext()));
        json.put("body", event.getBody());
        json.put("isBase64Encoded", Boolean.TRUE.equals(event.getIsBase64Encoded()));
        return json;
    }

    public static APIGatewayProxyResponseEvent response(JsonNode json) {
        var response = new APIGatewayProxyResponseEvent();
        var status = json.get("statusCode");
        if (status != null && status.canConvertToInt()) {
            response.setStatusCode(status.intValue());
        }
        response.setHeaders(strings(json.get("headers")));
        response.setMultiValueHeaders(stringLists(json.get("multiValueHeaders")));
        response.setBody(text(json, "body"));
        response.setIsBase64Encoded(bool(json, "isBase64Encoded"));
        return response;
    }

    public static ObjectNode json(APIGatewayProxyResponseEvent response) {
        var json = NODES.objectNode();
        if (response.getStatusCode() != null) {
            json.put("statusCode", response.getStatusCode().intValue());
        }
        if (response.getHeaders() != null) {
            json.set("headers", strings(response.getHeaders()));
        }
        if (response.getMultiValueHeaders() != null) {
            json.set("multiValueHeaders", stringLists(response.getMultiValueHeaders()));
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        if (response.getIsBase64Encoded() != null) {
            json.put("isBase64Encoded", response.getIsBase64Encoded().booleanValue());
        }
        return json;
    }

    private static APIGatewayProxyRequestEvent.ProxyRequestContext requestContext(JsonNode json) {
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAccountId(text(json, "accountId"));
        context.setResourceId(text(json, "resourceId"));
        context.setStage(text(json, "stage"));
        context.setRequestId(text(json, "requestId"));
        context.setExtendedRequestId(text(json, "extendedRequestId"));
        context.setResourcePath(text(json, "resourcePath"));
        context.setHttpMethod(text(json, "httpMethod"));
        context.setApiId(text(json, "apiId"));
        context.setPath(text(json, "path"));
        context.setOperationName(text(json, "operationName"));
        context.setRequestTime(text(json, "requestTime"));
        var epoch = json.get("requestTimeEpoch");
        if (epoch != null && epoch.canConvertToLong()) {
            context.setRequestTimeEpoch(epoch.longValue());
        }
        context.setDomainName(text(json, "domainName"));
        context.setDomainPrefix(text(json, "domainPrefix"));
        context.setProtocol(text(json, "protocol"));
        var identity = json.get("identity");
        if (identity != null && identity.isObject()) {
            context.setIdentity(identity(identity));
        }
        var authorizer = json.get("authorizer");
        if (authorizer != null && authorizer.isObject()) {
            context.setAuthorizer(map(authorizer));
        }
        return context;
    }

    private static JsonNode requestContext(APIGatewayProxyRequestEvent.ProxyRequestContext context) {
        if (context == null) {
            return NODES.nullNode();
        }
        var json = NODES.objectNode();
        json.put("accountId", context.getAccountId());
        json.put("resourceId", context.getResourceId());
        json.put("stage", context.getStage());
        json.put("requestId", context.getRequestId());
        json.put("extendedRequestId", context.getExtendedRequestId());
        json.put("resourcePath", context.getResourcePath());
        json.put("httpMethod", context.getHttpMethod());
        json.put("apiId", context.getApiId());
        json.put("path", context.getPath());
        json.put("operationName", context.getOperationName());
        json.put("requestTime", context.getRequestTime());
        json.put("requestTimeEpoch", context.getRequestTimeEpoch());
        json.put("domainName", context.getDomainName());
        json.put("domainPrefix", context.getDomainPrefix());
        json.put("protocol", context.getProtocol());
        json.set("identity", identity(context.getIdentity()));
        json.set("authorizer", context.getAuthorizer() == null ? NODES.nullNode() : value(context.getAuthorizer()));
        return json;
    }

    private static APIGatewayProxyRequestEvent.RequestIdentity identity(JsonNode json) {
        var identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setCognitoIdentityPoolId(text(json, "cognitoIdentityPoolId"));
        identity.setAccountId(text(json, "accountId"));
        identity.setCognitoIdentityId(text(json, "cognitoIdentityId"));
        identity.setCaller(text(json, "caller"));
        identity.setApiKey(text(json, "apiKey"));
        identity.setPrincipalOrgId(text(json, "principalOrgId"));
        identity.setSourceIp(text(json, "sourceIp"));
        identity.setCognitoAuthenticationType(text(json, "cognitoAuthenticationType"));
        identity.setCognitoAuthenticationProvider(text(json, "cognitoAuthenticationProvider"));
        identity.setUserArn(text(json, "userArn"));
        identity.setUserAgent(text(json, "userAgent"));
        identity.setUser(text(json, "user"));
        identity.setAccessKey(text(json, "accessKey"));
        return identity;
    }

    private static JsonNode identity(APIGatewayProxyRequestEvent.RequestIdentity identity) {
        if (identity == null) {
            return NODES.nullNode();
        }
        var json = NODES.objectNode();
        json.put("cognitoIdentityPoolId", identity.getCognitoIdentityPoolId());
        json.put("accountId", identity.getAccountId());
        json.put("cognitoIdentityId", identity.getCognitoIdentityId());
        json.put("caller", identity.getCaller());
        json.put("apiKey", identity.getApiKey());
        json.put("principalOrgId", identity.getPrincipalOrgId());
        json.put("sourceIp", identity.getSourceIp());
        json.put("cognitoAuthenticationType", identity.getCognitoAuthenticationType());
        json.put("cognitoAuthenticationProvider", identity.getCognitoAuthenticationProvider());
        json.put("userArn", identity.getUserArn());
        json.put("userAgent", identity.getUserAgent());
        json.put("user", identity.getUser());
        json.put("accessKey", identity.getAccessKey());
        return json;
    }

    /** A map of strings, or null where the event has none (API Gateway sends null, not {}). */
    private static Map<String, String> strings(JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        var map = new LinkedHashMap<String, String>();
        json.properties()
                .forEach(e -> map.put(
                        e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return map;
    }

    private static JsonNode strings(Map<String, String> map) {
        if (map == null) {
            return NODES.nullNode();
        }
        var json = NODES.objectNode();
        map.forEach(json::put);
        return json;
    }

    private static Map<String, List<String>> stringLists(JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        var map = new LinkedHashMap<String, List<String>>();
        json.properties().forEach(e -> {
            if (e.getValue().isArray()) {
                var values = new ArrayList<String>();
                e.getValue().forEach(v -> values.add(v.isNull() ? null : v.asText()));
                map.put(e.getKey(), values);
            } else {
                map.put(e.getKey(), null);
            }
        });
        return map;
    }

    private static JsonNode stringLists(Map<String, List<String>> map) {
        if (map == null) {
            return NODES.nullNode();
        }
        var json = NODES.objectNode();
        map.forEach((name, values) -> {
            if (values == null) {
                json.putNull(name);
            } else {
                ArrayNode array = json.putArray(name);
                values.forEach(array::add);
            }
        });
        return json;
    }

    /** An authorizer's context as plain Java: maps, lists, strings, numbers, booleans and nulls. */
    private static Map<String, Object> map(JsonNode json) {
        var map = new LinkedHashMap<String, Object>();
        json.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }

    private static Object plain(JsonNode json) {
        if (json.isObject()) {
            return map(json);
        }
        if (json.isArray()) {
            var list = new ArrayList<Object>();
            json.forEach(v -> list.add(plain(v)));
            return list;
        }
        if (json.isTextual()) {
            return json.textValue();
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        if (json.isIntegralNumber()) {
            return json.canConvertToLong() ? (Object) json.longValue() : json.bigIntegerValue();
        }
        if (json.isNumber()) {
            return json.decimalValue();
        }
        return null;
    }

    private static JsonNode value(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Map<?, ?> map -> {
                var json = NODES.objectNode();
                map.forEach((k, v) -> json.set(String.valueOf(k), value(v)));
                yield json;
            }
            case List<?> list -> {
                var json = NODES.arrayNode();
                list.forEach(v -> json.add(value(v)));
                yield json;
            }
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case BigInteger i -> NODES.numberNode(i);
            case BigDecimal d -> NODES.numberNode(d);
            case Double d -> NODES.numberNode(d);
            default -> NODES.textNode(value.toString());
        };
    }
}
