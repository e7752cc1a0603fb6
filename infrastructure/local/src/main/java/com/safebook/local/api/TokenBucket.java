package com.safebook.local.api;

/** API Gateway's throttling: a steady rate with a burst, refilled continuously. */
final class TokenBucket {
    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;

    TokenBucket(double ratePerSecond, double burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = System.nanoTime();
    }

    synchronized boolean tryTake() {
        var now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * ratePerSecond);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
