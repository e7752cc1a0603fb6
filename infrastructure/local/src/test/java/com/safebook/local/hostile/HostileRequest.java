package com.safebook.local.hostile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.safebook.local.hostile.HostileJson.Body;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One generated call of a route, with everything API Gateway would put in its event: path
 * parameters, headers, query parameters (single and multi-value), the authorizer's claims, and the
 * body. Maps may hold what a {@code Map.of} cannot (case-twin keys, empty keys).
 *
 * @param authorizer the {@code requestContext.authorizer} map, or null on a route without one
 * @param echoedBySuccess parts whose values a successful answer may show by design (a saved
 *     service shows its name)
 */
record HostileRequest(
        String method,
        String resource,
        Map<String, String> pathParameters,
        Map<String, String> headers,
        Map<String, List<String>> multiValueHeaders,
        Map<String, String> query,
        Map<String, List<String>> multiValueQuery,
        Map<String, Object> authorizer,
        Body body,
        Set<Part> echoedBySuccess) {

    /** Where a submitted value sits. */
    enum Part {
        PATH,
        HEADERS,
        QUERY,
        CLAIMS,
        BODY
    }

    APIGatewayProxyRequestEvent event(String requestId) {
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withAccountId("000000000000")
                .withApiId("local")
                .withStage("local")
                .withRequestId(requestId)
                .withResourcePath(resource)
                .withHttpMethod(method)
                .withPath(path())
                .withProtocol("HTTP/1.1")
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp("203.0.113.7")
                        .withUserAgent(headers == null ? null : headers.get("User-Agent")));
        if (authorizer != null) {
            context.setAuthorizer(authorizer);
        }
        return new APIGatewayProxyRequestEvent()
                .withResource(resource)
                .withPath(path())
                .withHttpMethod(method)
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withQueryStringParameters(query)
                .withMultiValueQueryStringParameters(multiValueQuery)
                .withPathParameters(pathParameters)
                .withRequestContext(context)
                .withBody(body.text())
                .withIsBase64Encoded(body.base64());
    }

    /** The path as the client sent it: the resource with its parameters filled in. */
    String path() {
        var path = resource;
        if (pathParameters != null) {
            for (var parameter : pathParameters.entrySet()) {
                path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
        }
        return path;
    }

    /**
     * The canaries submitted in {@code parts}, as they were sent: in a base64 body, in whichever
     * encoding the bytes are read.
     */
    Set<String> canaries(Set<Part> parts) {
        var found = new LinkedHashSet<String>();
        Consumer<String> scan = text -> {
            if (text != null) {
                var matcher = HostileText.CANARY.matcher(text);
                while (matcher.find()) {
                    found.add(matcher.group());
                }
            }
        };
        if (parts.contains(Part.PATH) && pathParameters != null) {
            pathParameters.values().forEach(scan);
        }
        if (parts.contains(Part.HEADERS)) {
            strings(headers, multiValueHeaders).forEach(scan);
        }
        if (parts.contains(Part.QUERY)) {
            strings(query, multiValueQuery).forEach(scan);
        }
        if (parts.contains(Part.CLAIMS) && authorizer != null) {
            scan.accept(String.valueOf(authorizer));
        }
        if (parts.contains(Part.BODY) && body.text() != null) {
            scan.accept(body.text());
            if (body.base64()) {
                var bytes = body.bytes();
                for (Charset charset : List.of(
                        StandardCharsets.UTF_8,
                        StandardCharsets.UTF_16LE,
                        StandardCharsets.UTF_16BE,
                        Charset.forName("UTF-32"),
                        StandardCharsets.ISO_8859_1)) {
                    scan.accept(new String(bytes, charset));
                }
            }
        }
        return found;
    }

    private static List<String> strings(Map<String, String> single, Map<String, List<String>> multi) {
        var all = new java.util.ArrayList<String>();
        if (single != null) {
            single.forEach((name, value) -> {
                all.add(name);
                all.add(value);
            });
        }
        if (multi != null) {
            multi.forEach((name, values) -> {
                all.add(name);
                if (values != null) {
                    all.addAll(values);
                }
            });
        }
        return all;
    }

    /** Readable in a failure report: long values cut, invisible characters escaped. */
    @Override
    public String toString() {
        var out = new LinkedHashMap<String, Object>();
        out.put("path", pathParameters);
        out.put("headers", headers);
        out.put("multiValueHeaders", multiValueHeaders);
        out.put("query", query);
        out.put("multiValueQuery", multiValueQuery);
        out.put("authorizer", authorizer);
        out.put("base64", body.base64());
        out.put("body", body.text());
        return method + " " + resource + " "
                + out.entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .map(e -> e.getKey() + "=" + printable(String.valueOf(e.getValue())))
                        .collect(Collectors.joining(", "));
    }

    static String printable(String text) {
        var cut = text.length() > 600 ? text.substring(0, 600) + "...(" + text.length() + " chars)" : text;
        var out = new StringBuilder();
        cut.chars().forEach(c -> {
            if (c >= 0x20 && c < 0x7F) {
                out.append((char) c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }
}
