package com.safebook.bench.measure;

import com.safebook.bench.runtime.LambdaProcess;
import com.safebook.bench.runtime.LaunchSpec;
import com.safebook.bench.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A function's AOT cache (JEP 483, 514, 515; JDK 25's one-step workflow): a training run with
 * {@code -XX:AOTCacheOutput} handles the first event and some warm ones, and the cache is written when
 * the JVM exits after Lambda's SIGTERM. Later starts with {@code -XX:AOTCache} load the classes the
 * run loaded, already parsed and linked, with the method profiles it gathered.
 *
 * <p>The JVM refuses an AOT cache together with any {@code -Xshare} option, so both the training run and
 * the starts with the cache leave out the runtime's {@code -Xshare:on} and the {@code -Xshare:auto} of
 * the template's {@code JAVA_TOOL_OPTIONS} (a deployment with a cache would replace it there too). The
 * cache holds the JDK's classes as well, so nothing the CDS archive gave is lost.
 */
public final class AotTraining {
    private static final Duration EXIT_LIMIT = Duration.ofMinutes(5);

    private AotTraining() {}

    /** Trains and answers the cache; {@code spec} is the function's usual start. */
    public static Path train(LaunchSpec spec, Path cache, Workload first, Workload warm, int warmInvocations) {
        try {
            Files.deleteIfExists(cache);
            Files.createDirectories(cache.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var training =
                withoutSharingOptions(spec).withJvmOptions(List.of("-XX:AOTCacheOutput=" + cache.toAbsolutePath()));
        var process = LambdaProcess.start(training);
        try {
            process.awaitInit(ColdStarts.INIT_LIMIT);
            first.check(process.invoke(first.next(), ColdStarts.INVOCATION_LIMIT));
            for (int i = 0; i < warmInvocations; i++) {
                warm.check(process.invoke(warm.next(), ColdStarts.INVOCATION_LIMIT));
            }
            process.shutDown(EXIT_LIMIT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("The training run of " + spec.handler() + " wrote no AOT cache at " + cache
                    + "; see " + spec.log());
        }
        return cache;
    }

    /** The same start with the cache. */
    public static LaunchSpec withCache(LaunchSpec spec, Path cache) {
        return withoutSharingOptions(spec).withJvmOptions(List.of("-XX:AOTCache=" + cache.toAbsolutePath()));
    }

    static LaunchSpec withoutSharingOptions(LaunchSpec spec) {
        var environment = new HashMap<>(spec.environment());
        environment.computeIfPresent("JAVA_TOOL_OPTIONS", (name, value) -> Arrays.stream(value.split("\\s+"))
                .filter(option -> !option.startsWith("-Xshare:"))
                .collect(Collectors.joining(" ")));
        return new LaunchSpec(
                spec.java(),
                spec.jvmOptions().stream()
                        .filter(option -> !option.startsWith("-Xshare:"))
                        .toList(),
                spec.classpath(),
                spec.handler(),
                environment,
                spec.workDirectory(),
                spec.log(),
                spec.functionArn(),
                spec.timeout());
    }
}
