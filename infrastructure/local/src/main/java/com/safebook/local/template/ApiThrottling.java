package com.safebook.local.template;

import java.util.Map;

/**
 * A REST API stage's throttling as API Gateway applies it: every method (a route's HTTP method and
 * resource path) has its own token bucket, with the limits its {@code MethodSettings} entry names,
 * else those of the stage-wide entry ({@code ResourcePath: "/*"}, {@code HttpMethod: "*"}), else the
 * account's default for the Region.
 *
 * @param stageDefault the limits of every method without an entry of its own
 * @param methods the limits of the methods that have an entry, by {@code "<METHOD> <resource path>"}
 */
public record ApiThrottling(Limits stageDefault, Map<String, Limits> methods) {
    /** API Gateway's default account-level limits per Region, which apply when a stage sets none. */
    public static final Limits ACCOUNT_DEFAULT = new Limits(10_000, 5_000);

    /** A token bucket's steady rate (requests a second) and its burst (the bucket's size). */
    public record Limits(double ratePerSecond, double burst) {
        public Limits {
            if (!(ratePerSecond > 0) || !(burst >= 1)) {
                throw new IllegalArgumentException("Throttling needs a positive rate and a burst of at least 1, not "
                        + ratePerSecond + "/" + burst);
            }
        }
    }

    public ApiThrottling {
        methods = Map.copyOf(methods);
    }

    /** The limits of the method {@code httpMethod} on {@code resourcePath} (a route's path template). */
    public Limits of(String httpMethod, String resourcePath) {
        var own = methods.get(key(httpMethod, resourcePath));
        if (own != null) {
            return own;
        }
        return methods.getOrDefault(key("*", resourcePath), stageDefault);
    }

    /** These limits for every method, as the local stack's {@code --throttle-*} flags ask. */
    public ApiThrottling everyMethod(Limits limits) {
        return new ApiThrottling(limits, Map.of());
    }

    static String key(String httpMethod, String resourcePath) {
        return httpMethod + " " + resourcePath;
    }
}
