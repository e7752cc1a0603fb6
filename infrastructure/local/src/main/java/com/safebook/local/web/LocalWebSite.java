package com.safebook.local.web;

import com.safebook.local.LocalHttpServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The booking site and the staff dashboard as CloudFront serves them: the files of {@code web/}
 * (built into the jar under {@code /web}), a generated {@code /config.json}, and on every answer the
 * security headers of the template's response-headers policy. Only GET and HEAD; no directory listing.
 */
public final class LocalWebSite implements AutoCloseable {
    private static final String ROOT = "/web";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final LocalHttpServer server;
    private volatile Map<String, String> securityHeaders = Map.of();
    private volatile Supplier<byte[]> config = () -> new byte[0];

    /** Binds the port now (so the site's origin is known before the API starts); serves after {@link #start}. */
    public LocalWebSite(String host, int port) throws IOException {
        this.server = new LocalHttpServer(host, port, this::exchange);
    }

    /**
     * @param connectOrigins the origins the pages may call besides their own: the API and the AWS endpoint
     * @param config the body of {@code /config.json}
     */
    public LocalWebSite serve(List<String> connectOrigins, Supplier<byte[]> config) {
        this.securityHeaders = securityHeaders(connectOrigins);
        this.config = config;
        return this;
    }

    /**
     * The headers CloudFront adds (the template's {@code SiteResponseHeadersPolicy}): a strict CSP whose
     * only script, style and connection sources are the site itself and the given origins.
     */
    public static Map<String, String> securityHeaders(List<String> connectOrigins) {
        var connect = new StringBuilder("'self'");
        connectOrigins.forEach(origin -> connect.append(' ').append(origin));
        return Map.of(
                "Strict-Transport-Security",
                "max-age=63072000; includeSubDomains; preload",
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src "
                        + connect
                        + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
                "X-Content-Type-Options",
                "nosniff",
                "X-Frame-Options",
                "DENY",
                "Referrer-Policy",
                "no-referrer",
                "Permissions-Policy",
                "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    }

    public void start() {
        server.start();
    }

    public String url() {
        return server.uri().toString();
    }

    /** The site's origin as a browser sends it in {@code Origin}. */
    public String origin() {
        return url();
    }

    /** The same site by name: browsers treat {@code localhost} and {@code 127.0.0.1} as two origins. */
    public List<String> origins() {
        return List.of(origin(), "http://localhost:" + server.port());
    }

    public URI uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            securityHeaders.forEach(
                    (name, value) -> exchange.getResponseHeaders().set(name, value));
            var method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            var path = exchange.getRequestURI().getPath();
            if (path.equals("/config.json")) {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                send(exchange, 200, TYPES.get("json"), config.get());
                return;
            }
            if (path.equals("/dashboard")) {
                exchange.getResponseHeaders().set("Location", "/dashboard/");
                send(exchange, 301, TYPES.get("txt"), new byte[0]);
                return;
            }
            var file = path.endsWith("/") ? path + "index.html" : path;
            var body = file.contains("..") || file.contains("//") ? null : read(ROOT + file);
            if (body == null) {
                send(exchange, 404, TYPES.get("txt"), "Not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            var dot = file.lastIndexOf('.');
            var type = TYPES.getOrDefault(
                    dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            send(exchange, 200, type, body);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = LocalWebSite.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
