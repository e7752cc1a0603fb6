package com.safebook.bench.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One event the runtime handled: when it was handed out and when the answer arrived ({@code nanoTime}),
 * and the answer.
 *
 * @param succeeded whether the runtime posted a response (false: it posted an error)
 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} of an error, else empty
 */
public record Invocation(
        String requestId, long handedOutNanos, long answeredNanos, boolean succeeded, String errorType, byte[] body) {

    /** From handing the event out to receiving the whole answer: what Lambda reports as the duration. */
    public Duration duration() {
        return Duration.ofNanos(answeredNanos - handedOutNanos);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
