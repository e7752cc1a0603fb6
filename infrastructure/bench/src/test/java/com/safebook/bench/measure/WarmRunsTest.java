package com.safebook.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.bench.runtime.LaunchSpec;
import com.safebook.bench.runtime.TestHandlerEnvironments;
import com.safebook.bench.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two execution environments under the real runtime interface client, invoked in turn. */
class WarmRunsTest {
    private static final String HANDLER = "com.safebook.bench.runtime.EchoHandler::handleRequest";

    @TempDir
    Path work;

    @Test
    void measureAlongside_twoWorkloads_invokesTheReferenceAfterEachOfTheFunctionsInvocations() throws Exception {
        var ada = greeting("Ada");
        var grace = greeting("Grace");
        var reference = greeting("Reference");

        var runs = WarmRuns.measureAlongside(
                "echo", spec("echo"), ada, List.of(ada, grace), spec("reference"), reference, 3, line -> {});

        assertThat(runs.function()).containsOnlyKeys("greet Ada", "greet Grace");
        assertThat(runs.reference()).containsOnlyKeys("greet Ada", "greet Grace");
        for (var workload : List.of("greet Ada", "greet Grace")) {
            var timed = runs.function().get(workload);
            var alongside = runs.reference().get(workload);
            assertThat(timed).hasSize(3);
            assertThat(alongside).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(alongside.get(i).bodyText()).contains("hello Reference");
                assertThat(alongside.get(i).handedOutNanos())
                        .isGreaterThan(timed.get(i).answeredNanos());
                if (i + 1 < 3) {
                    assertThat(timed.get(i + 1).handedOutNanos())
                            .isGreaterThan(alongside.get(i).answeredNanos());
                }
            }
        }
        assertThat(runs.function().get("greet Grace").getFirst().bodyText()).contains("hello Grace");
    }

    private static Workload greeting(String name) {
        var event = ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        return Workload.event(
                "greet " + name, () -> event, answer -> answer.contains("hello " + name), "a greeting of " + name);
    }

    private LaunchSpec spec(String function) throws Exception {
        return TestHandlerEnvironments.spec(Files.createDirectories(work.resolve(function)), function, HANDLER);
    }
}
