package com.safebook.local.api;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.safebook.aws.events.ApiGatewayProxyJson;
import com.safebook.local.CorsPolicy;
import com.safebook.local.LocalHttpServer;
import com.safebook.local.cognito.CognitoTokenVerifier;
import com.safebook.local.cognito.CognitoTokenVerifier.Accepted;
import com.safebook.local.cognito.CognitoTokenVerifier.Rejected;
import com.safebook.local.template.ApiThrottling;
import com.safebook.local.template.SamTemplate;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway (REST API, Lambda proxy integration) on this machine: each route of template.yaml
 * invokes its function's real handler class with the event API Gateway would send. A function is
 * initialised on its first request, as in Lambda, and then kept warm. Throttling (429), unknown
 * routes, payloads over 10 MB and failing functions are answered as the template's gateway
 * responses say, as API Gateway would. Throttling is per method, with the limits of the stage's
 * {@code MethodSettings}, as API Gateway throttles a stage. The access log names the route
 * template, never the path's ids or the query string.
 *
 * <p>A route whose event names a Cognito authorizer is guarded as API Gateway's Cognito user pool
 * authorizer guards it: the token in the authorizer's identity header is checked by
 * {@link CognitoTokenVerifier}, a missing or invalid one is refused with the template's
 * {@code UNAUTHORIZED} response, and a valid one's claims reach the function in
 * {@code requestContext.authorizer.claims}. A route whose authorizer the stand-in cannot run
 * stops the start, rather than being served unguarded.
 */
public final class ApiGatewayStandIn implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    /** The request headers the pages send, as the template's Cors AllowHeaders lists them. */
    public static final String CORS_ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";

    private final LocalHttpServer server;
    private final SamTemplate template;
    private final RouteTable routes;
    private final ApiThrottling throttling;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, RequestStreamHandler> warm = new ConcurrentHashMap<>();
    private final Map<String, Supplier<byte[]>> localPaths = new ConcurrentHashMap<>();
    private final Map<String, RouteGuard> guards;
    private volatile CorsPolicy cors =
            new CorsPolicy(Set.of(), "GET, POST, PUT, DELETE, OPTIONS", CORS_ALLOWED_HEADERS, "");

    /** A Cognito authorizer as the stand-in runs it: the header it reads, and the verifier of its pool. */
    private record RouteGuard(String identityHeader, CognitoTokenVerifier verifier) {}

    /**
     * @param throttling the limits of each method, as API Gateway applies the stage's (see
     *     {@link SamTemplate#throttling()})
     * @param cognitoAuthorizers the verifier of each Cognito authorizer of the template, by name; every
     *     route's authorizer must be one of them
     */
    public ApiGatewayStandIn(
            String host,
            int port,
            SamTemplate template,
            ApiThrottling throttling,
            Map<String, CognitoTokenVerifier> cognitoAuthorizers)
            throws IOException {
        this.template = template;
        this.guards = guards(template, cognitoAuthorizers);
        this.routes = new RouteTable(template.functions());
        this.throttling = throttling;
        this.server = new LocalHttpServer(host, port, this::exchange);
    }

    /** Serves {@code path} (GET) with a JSON body of the local stack's own, such as /local/config. */
    public ApiGatewayStandIn serveLocal(String path, Supplier<byte[]> json) {
        localPaths.put(path, json);
        return this;
    }

    /**
     * The origins a browser may call the API from (the booking site's), as the template's {@code Cors}
     * allows its {@code SiteOrigin}: preflights are answered for them, and every answer to them names
     * the origin. Any other origin gets no CORS header, so its pages cannot read an answer.
     */
    public ApiGatewayStandIn allowOrigins(Collection<String> origins) {
        this.cors = cors.withOrigins(origins);
        return this;
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return server.uri().toString();
    }

    @Override
    public void close() {
        server.close();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        var requestId = UUID.randomUUID().toString();
        var method = exchange.getRequestMethod();
        var path = exchange.getRequestURI().getRawPath();
        String resource = "-";
        int status = 500;
        try (exchange) {
            boolean allowed = cors.apply(exchange);
            if (method.equals("OPTIONS") && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
                status = write(exchange, cors.preflight(exchange, allowed), new HashMap<>(), new byte[0]);
                return;
            }
            var local = localPaths.get(path);
            if (local != null && method.equals("GET")) {
                status = write(exchange, 200, Map.of("Content-Type", "application/json"), local.get());
                return;
            }
            var match = routes.match(method, path);
            if (match.isEmpty()) {
                status = gatewayResponse(
                        exchange, "MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", requestId);
                return;
            }
            resource = match.get().route().path();
            if (!bucket(match.get().route()).tryTake()) {
                status = gatewayResponse(exchange, "THROTTLED", 429, "Too Many Requests", requestId);
                return;
            }
            Map<String, String> claims = null;
            var authorizer = match.get().route().authorizer();
            if (authorizer != null) {
                var guard = guards.get(authorizer);
                switch (guard.verifier().verify(exchange.getRequestHeaders().getFirst(guard.identityHeader()))) {
                    case Accepted accepted -> claims = accepted.claims();
                    case Rejected rejected -> {
                        // The reason never quotes the token.
                        ACCESS.info("{} {} refused by {}: {}", method, resource, authorizer, rejected.reason());
                        status = gatewayResponse(exchange, "UNAUTHORIZED", 401, "Unauthorized", requestId);
                        return;
                    }
                }
            }
            var body = exchange.getRequestBody().readNBytes(MAX_PAYLOAD + 1);
            if (body.length > MAX_PAYLOAD) {
                status = gatewayResponse(exchange, "REQUEST_TOO_LARGE", 413, "Request Too Long", requestId);
                return;
            }
            var event = event(exchange, match.get(), body, requestId, claims);
            var function = match.get().function();
            var response = invoke(
                    handler(function),
                    event,
                    new LocalLambdaContext(
                            function.logicalId(),
                            requestId,
                            System.currentTimeMillis() + function.timeoutSeconds() * 1000L,
                            function.memoryMb()));
            status = respond(exchange, response, requestId);
        } catch (RuntimeException | LinkageError e) {
            ACCESS.error(
                    "{} {} failed in the function: {}",
                    method,
                    resource,
                    e.getClass().getName());
            try {
                status = gatewayResponse(exchange, "DEFAULT_5XX", 502, "Internal server error", requestId);
            } catch (IOException ignored) {
                // The client has gone; the failure is logged above.
            }
        } finally {
            ACCESS.info(
                    "{} {} {} {}ms {}", method, resource, status, (System.nanoTime() - started) / 1_000_000, requestId);
        }
    }

    /** Each method's own bucket, full when its first request comes, as API Gateway throttles per method. */
    private TokenBucket bucket(SamTemplate.Route route) {
        return buckets.computeIfAbsent(route.method() + " " + route.path(), key -> {
            var limits = throttling.of(route.method(), route.path());
            return new TokenBucket(limits.ratePerSecond(), limits.burst());
        });
    }

    private RequestStreamHandler handler(SamTemplate.Function function) {
        return warm.computeIfAbsent(function.logicalId(), id -> instantiate(function.handlerClass()));
    }

    /**
     * One invocation as Lambda makes it: the event as API Gateway's JSON into the function's stream
     * handler, its answer read back from the JSON it wrote. A function that throws fails the call (502).
     */
    private static APIGatewayProxyResponseEvent invoke(
            RequestStreamHandler handler, APIGatewayProxyRequestEvent event, LocalLambdaContext context) {
        try {
            var in = new ByteArrayOutputStream();
            ApiGatewayProxyJson.writeRequest(event, in);
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(in.toByteArray()), out, context);
            return ApiGatewayProxyJson.readResponse(new ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestStreamHandler instantiate(String className) {
        try {
            return (RequestStreamHandler)
                    Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The handler class " + className + " cannot be created", e);
        }
    }

    /** Each authorizer the routes name, as the stand-in runs it; an authorizer it cannot run is refused. */
    private static Map<String, RouteGuard> guards(
            SamTemplate template, Map<String, CognitoTokenVerifier> cognitoAuthorizers) {
        var guards = new HashMap<String, RouteGuard>();
        for (var function : template.functions()) {
            for (var route : function.routes()) {
                var name = route.authorizer();
                if (name == null || guards.containsKey(name)) {
                    continue;
                }
                var declared = template.authorizer(name);
                var verifier = cognitoAuthorizers.get(name);
                if (declared.isEmpty() || !declared.get().cognito() || verifier == null) {
                    throw new IllegalArgumentException("The route " + route.method() + " " + route.path()
                            + " needs the authorizer " + name
                            + ", which the local stack cannot run: it runs the Cognito authorizers of its user pool");
                }
                guards.put(name, new RouteGuard(declared.get().identityHeader(), verifier));
            }
        }
        return Map.copyOf(guards);
    }

    private static APIGatewayProxyRequestEvent event(
            HttpExchange exchange, RouteTable.Match match, byte[] body, String requestId, Map<String, String> claims) {
        var headers = new HashMap<String, String>();
        var multiHeaders = new HashMap<String, List<String>>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.getLast());
            multiHeaders.put(name, List.copyOf(values));
        });
        var query = new HashMap<String, String>();
        var multiQuery = new HashMap<String, List<String>>();
        var rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (var pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                var eq = pair.indexOf('=');
                var name = decode(eq < 0 ? pair : pair.substring(0, eq));
                var value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.put(name, value);
                multiQuery.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        var remote = exchange.getRemoteAddress().getAddress().getHostAddress();
        var identity = new APIGatewayProxyRequestEvent.RequestIdentity()
                .withSourceIp(remote)
                .withUserAgent(exchange.getRequestHeaders().getFirst("User-Agent"));
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withAccountId("000000000000")
                .withApiId("local")
                .withStage("local")
                .withRequestId(requestId)
                .withResourcePath(match.route().path())
                .withHttpMethod(match.route().method())
                .withPath(exchange.getRequestURI().getRawPath())
                .withProtocol("HTTP/1.1")
                .withIdentity(identity);
        if (claims != null) {
            // As a REST API's Cognito authorizer passes them: {"claims": {name: string value}}.
            context.setAuthorizer(Map.of("claims", claims));
        }
        return new APIGatewayProxyRequestEvent()
                .withResource(match.route().path())
                .withPath(exchange.getRequestURI().getRawPath())
                .withHttpMethod(exchange.getRequestMethod())
                .withHeaders(headers)
                .withMultiValueHeaders(multiHeaders)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withRequestContext(context)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static int respond(HttpExchange exchange, APIGatewayProxyResponseEvent response, String requestId)
            throws IOException {
        var headers = new HashMap<String, String>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                // The stand-in, as the gateway, decides which origin may read the answer.
                if (!name.equalsIgnoreCase("Access-Control-Allow-Origin") && !name.equalsIgnoreCase("Vary")) {
                    headers.put(name, value);
                }
            });
        }
        headers.put("x-amzn-RequestId", requestId);
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders()
                    .forEach((name, values) ->
                            values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        }
        var body = response.getBody() == null
                ? new byte[0]
                : Boolean.TRUE.equals(response.getIsBase64Encoded())
                        ? Base64.getDecoder().decode(response.getBody())
                        : response.getBody().getBytes(StandardCharsets.UTF_8);
        return write(exchange, response.getStatusCode() == null ? 200 : response.getStatusCode(), headers, body);
    }

    /** One of API Gateway's own answers, shaped by the template's gateway responses. */
    private int gatewayResponse(HttpExchange exchange, String type, int status, String message, String requestId)
            throws IOException {
        var response = template.gatewayResponse(type, status, message);
        var headers = new HashMap<String, String>();
        // The template's static headers, as API Gateway adds them; the origin is the CORS policy's to name.
        response.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Access-Control-Allow-Origin")) {
                headers.put(name, value);
            }
        });
        headers.put("x-amzn-RequestId", requestId);
        headers.put("x-amzn-ErrorType", type);
        return write(
                exchange, response.status(), headers, response.body(requestId).getBytes(StandardCharsets.UTF_8));
    }

    private static int write(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        return status;
    }
}
