package com.safebook.aws.http;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The routes one function serves, keyed by method and API Gateway resource template (the
 * {@code resource} of the event, such as {@code /bookings/{bookingId}}), as in template.yaml.
 */
public final class ApiRoutes {
    private final Map<String, Function<ApiRequest, ApiResponse>> routes;
    private final Set<String> recordedAtEdge;

    private ApiRoutes(Map<String, Function<ApiRequest, ApiResponse>> routes, Set<String> recordedAtEdge) {
        this.routes = Map.copyOf(routes);
        this.recordedAtEdge = Set.copyOf(recordedAtEdge);
    }

    public static Builder builder() {
        return new Builder();
    }

    ApiResponse dispatch(ApiRequest request) {
        var route = routes.get(request.method() + " " + request.resource());
        if (route == null) {
            throw new DomainException(ErrorKind.NOT_FOUND, "route-not-found", "This function serves no such route.");
        }
        return route.apply(request);
    }

    /**
     * Whether the edge records this route's successful calls: routes whose use case records nothing
     * itself, because they show no personal data (the catalogue, free slots, the auditors' reads).
     */
    boolean recordsAtEdge(ApiRequest request) {
        return recordedAtEdge.contains(request.method() + " " + request.resource());
    }

    public static final class Builder {
        private final Map<String, Function<ApiRequest, ApiResponse>> routes = new HashMap<>();
        private final Set<String> recordedAtEdge = new HashSet<>();

        public Builder get(String resource, Function<ApiRequest, ApiResponse> action) {
            return route("GET", resource, action);
        }

        public Builder post(String resource, Function<ApiRequest, ApiResponse> action) {
            return route("POST", resource, action);
        }

        public Builder put(String resource, Function<ApiRequest, ApiResponse> action) {
            return route("PUT", resource, action);
        }

        public Builder delete(String resource, Function<ApiRequest, ApiResponse> action) {
            return route("DELETE", resource, action);
        }

        public Builder route(String method, String resource, Function<ApiRequest, ApiResponse> action) {
            routes.put(method + " " + resource, action);
            return this;
        }

        /**
         * Declares that the route's use case writes no audit record, so that the edge writes one for
         * each successful call: every call leaves exactly one record.
         */
        public Builder recordedAtEdge(String method, String resource) {
            if (!routes.containsKey(method + " " + resource)) {
                throw new IllegalArgumentException("No route " + method + " " + resource);
            }
            recordedAtEdge.add(method + " " + resource);
            return this;
        }

        public ApiRoutes build() {
            return new ApiRoutes(routes, recordedAtEdge);
        }
    }
}
