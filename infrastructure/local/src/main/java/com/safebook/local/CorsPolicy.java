package com.safebook.local;

import com.sun.net.httpserver.HttpExchange;
import java.util.Collection;
import java.util.Set;

/**
 * Which browser origins may read a local server's answers: only the booking site's, as the
 * template allows its {@code SiteOrigin}. An allowed origin is named in every answer and its
 * preflights are answered; any other origin gets no CORS header, and its preflight a 403.
 *
 * @param methods the methods a preflight allows
 * @param headers the request headers a preflight allows
 * @param exposedHeaders response headers the page may read, or empty
 */
public record CorsPolicy(Set<String> origins, String methods, String headers, String exposedHeaders) {
    public CorsPolicy {
        origins = Set.copyOf(origins);
    }

    public CorsPolicy withOrigins(Collection<String> allowed) {
        return new CorsPolicy(Set.copyOf(allowed), methods, headers, exposedHeaders);
    }

    /** Names the origin in the answer when it is allowed; answers whether it is. */
    public boolean apply(HttpExchange exchange) {
        var origin = exchange.getRequestHeaders().getFirst("Origin");
        boolean allowed = origin != null && origins.contains(origin);
        var response = exchange.getResponseHeaders();
        if (allowed) {
            response.set("Access-Control-Allow-Origin", origin);
            if (!exposedHeaders.isEmpty()) {
                response.set("Access-Control-Expose-Headers", exposedHeaders);
            }
        }
        response.set("Vary", "Origin");
        return allowed;
    }

    /** The headers of a preflight's answer (status 204 when allowed, 403 when not). */
    public int preflight(HttpExchange exchange, boolean allowed) {
        if (allowed) {
            var response = exchange.getResponseHeaders();
            response.set("Access-Control-Allow-Methods", methods);
            response.set("Access-Control-Allow-Headers", headers);
            response.set("Access-Control-Max-Age", "600");
        }
        return allowed ? 204 : 403;
    }
}
