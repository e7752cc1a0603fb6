package com.safebook.bench.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.bench.runtime.Invocation;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A kind of request a function gets: where its events come from, and what a correct answer is. Every
 * answer is checked, so that a benchmark never times failures.
 */
public final class Workload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String description;
    private final Supplier<byte[]> events;
    private final Predicate<String> answerIsCorrect;
    private final String expected;

    private Workload(String description, Supplier<byte[]> events, Predicate<String> answerIsCorrect, String expected) {
        this.description = description;
        this.events = events;
        this.answerIsCorrect = answerIsCorrect;
        this.expected = expected;
    }

    /** API Gateway requests, answered with {@code status}. */
    public static Workload api(String description, int status, Supplier<ApiGatewayEvent> requests) {
        return new Workload(
                description, () -> requests.get().toJson(), answer -> status(answer) == status, "HTTP " + status);
    }

    /** Other events, with a test of the answer's JSON text. */
    public static Workload event(
            String description, Supplier<byte[]> events, Predicate<String> answerIsCorrect, String expected) {
        return new Workload(description, events, answerIsCorrect, expected);
    }

    public String description() {
        return description;
    }

    public byte[] next() {
        return events.get();
    }

    /** Throws unless the runtime posted a response that is the expected answer. */
    public void check(Invocation invocation) {
        if (!invocation.succeeded()) {
            throw new IllegalStateException(description + ": the function failed with " + invocation.errorType() + ": "
                    + abbreviated(invocation.bodyText()));
        }
        if (!answerIsCorrect.test(invocation.bodyText())) {
            throw new IllegalStateException(
                    description + ": expected " + expected + ", answered " + abbreviated(invocation.bodyText()));
        }
    }

    private static int status(String answer) {
        try {
            return JSON.readTree(answer).path("statusCode").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Enough of an answer to see what went wrong; problem documents carry no personal data. */
    private static String abbreviated(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }
}
