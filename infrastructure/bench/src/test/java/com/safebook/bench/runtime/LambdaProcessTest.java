package com.safebook.bench.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator against the real runtime interface client, in a JVM started as Lambda starts it. */
class LambdaProcessTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:echo";
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void invoke_tinyHandlerUnderTheRuntimeClient_answersWithTheRuntimeApiHeadersAndIsTimed() throws Exception {
        try (var process = LambdaProcess.start(spec("com.safebook.bench.runtime.EchoHandler::handleRequest"))) {
            var init = process.awaitInit(LIMIT);
            var first = process.invoke("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8), LIMIT);
            var second = process.invoke("{\"name\":\"Grace\"}".getBytes(StandardCharsets.UTF_8), LIMIT);

            assertThat(init).isPositive().isLessThan(LIMIT);
            assertThat(first.succeeded()).isTrue();
            assertThat(first.duration()).isPositive();
            assertThat(second.handedOutNanos()).isGreaterThan(first.answeredNanos());
            var answer = JSON.readTree(first.body());
            assertThat(answer.path("greeting").asText()).isEqualTo("hello Ada");
            assertThat(answer.path("requestId").asText()).isEqualTo(first.requestId());
            assertThat(answer.path("functionArn").asText()).isEqualTo(ARN);
            assertThat(answer.path("memoryMb").asText()).isEqualTo("1024");
            assertThat(Integer.parseInt(answer.path("remainingMillis").asText()))
                    .isBetween(1, 15_000);
            assertThat(JSON.readTree(second.body()).path("greeting").asText()).isEqualTo("hello Grace");
        }
    }

    @Test
    void invoke_handlerThrows_recordsTheErrorTheRuntimePosts() throws Exception {
        try (var process = LambdaProcess.start(spec("com.safebook.bench.runtime.EchoHandler::handleRequest"))) {
            process.awaitInit(LIMIT);

            var failed = process.invoke("{\"fail\":\"yes\"}".getBytes(StandardCharsets.UTF_8), LIMIT);

            assertThat(failed.succeeded()).isFalse();
            assertThat(failed.errorType()).isEqualTo("Runtime.UserException");
            assertThat(failed.bodyText()).contains("java.lang.IllegalArgumentException", "asked to fail");
        }
    }

    @Test
    void awaitInit_handlerConstructorThrows_failsWithTheInitErrorTheRuntimeReports() throws Exception {
        try (var process = LambdaProcess.start(spec("com.safebook.bench.runtime.BrokenInitHandler::handleRequest"))) {
            assertThatThrownBy(() -> process.awaitInit(LIMIT))
                    .isInstanceOfSatisfying(RuntimeInitException.class, e -> assertThat(e.getMessage())
                            .contains("Runtime.", "no configuration"));
        }
    }

    @Test
    void invoke_handlerClassMissing_answersTheErrorAsLambdaDoesAtTheFirstInvocation() throws Exception {
        try (var process = LambdaProcess.start(spec("com.safebook.bench.runtime.NoSuchHandler::handleRequest"))) {
            process.awaitInit(LIMIT);

            var failed = process.invoke("{}".getBytes(StandardCharsets.UTF_8), LIMIT);

            assertThat(failed.succeeded()).isFalse();
            assertThat(failed.bodyText()).contains("ClassNotFoundException");
        }
    }

    private LaunchSpec spec(String handler) throws Exception {
        return TestHandlerEnvironments.spec(work, "echo", handler);
    }
}
