package com.safebook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.bench.report.Results;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function's shaded jar as Lambda runs it: a fresh JVM with the {@code java25} runtime's options
 * and the template's environment, under the real runtime interface client and its own event
 * serialisation, against a local stack. One cold start each, whose first request's answer the
 * benchmark's workload checks. The handler tests call the handlers directly and cannot see what
 * only the runtime loads (it once failed every function for want of Joda-Time).
 */
class FunctionJarsUnderRuntimeClientIT {
    private static final Path ROOT = Path.of("../..");

    @TempDir
    Path work;

    @Test
    void everyFunctionJar_underTheRuntimeClient_startsAndAnswersItsFirstRequest() throws Exception {
        var progress = new ArrayList<String>();
        Results results;
        try (var stack = LocalStack.start(LocalStackOptions.ephemeral().withTemplate(ROOT.resolve("template.yaml")))) {
            var options = new Benchmark.Options(
                    ROOT,
                    URI.create(stack.apiUrl()),
                    Path.of(System.getProperty("safebook.bench.lambdaRuntime")),
                    work,
                    List.copyOf(Benchmark.FUNCTIONS.keySet()),
                    1,
                    0,
                    false,
                    false,
                    3);
            results = new Benchmark(options, progress::add).run();
        }

        var measured = results.cold().stream()
                .map(sample -> sample.function())
                .distinct()
                .toList();
        assertThat(measured).as("cold starts, progress %s", progress).containsExactlyInAnyOrderElementsOf(withFloor());
        assertThat(results.cold()).allSatisfy(sample -> {
            assertThat(sample.init()).isPositive();
            assertThat(sample.firstInvocation()).isPositive();
        });
    }

    private static List<String> withFloor() {
        var functions = new ArrayList<>(Benchmark.FUNCTIONS.keySet());
        functions.add(Benchmark.FLOOR);
        return functions;
    }
}
