package com.safebook.aws.http;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The routes one function serves, keyed by method and API Gateway resource template (the
 * {@code resource} of the event, such as {@code /bookings/{bookingId}}), as in template.yaml.
 */
public final class ApiRoutes {
    private final Map<String, Function<ApiRequest, ApiResponse>> routes;

    private ApiRoutes(Map<String, Function<ApiRequest, ApiResponse>> routes) {
        this.routes = Map.copyOf(routes);
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

    public static final class Builder {
        private final Map<String, Function<ApiRequest, ApiResponse>> routes = new HashMap<>();

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

        public ApiRoutes build() {
            return new ApiRoutes(routes);
        }
    }
}
