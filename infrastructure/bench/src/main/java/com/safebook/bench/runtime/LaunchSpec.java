package com.safebook.bench.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One execution environment to start: {@code java <jvmOptions> -classpath <classpath> AWSLambda <handler>}
 * in {@code workDirectory}, with exactly {@code environment} (nothing inherited).
 *
 * @param functionArn what the Runtime API names as the invoked function
 * @param timeout the function's timeout (the deadline the Runtime API hands out)
 * @param log where the process's standard output and error are appended
 */
public record LaunchSpec(
        Path java,
        List<String> jvmOptions,
        List<Path> classpath,
        String handler,
        Map<String, String> environment,
        Path workDirectory,
        Path log,
        String functionArn,
        Duration timeout) {

    public LaunchSpec {
        jvmOptions = List.copyOf(jvmOptions);
        classpath = List.copyOf(classpath);
        environment = Map.copyOf(environment);
    }

    /** The same environment with more JVM options (an AOT cache, a probe's settings). */
    public LaunchSpec withJvmOptions(List<String> more) {
        var all = new ArrayList<>(jvmOptions);
        all.addAll(more);
        return new LaunchSpec(java, all, classpath, handler, environment, workDirectory, log, functionArn, timeout);
    }

    /** The same with more class path entries after the others. */
    public LaunchSpec withClasspath(List<Path> more) {
        var all = new ArrayList<>(classpath);
        all.addAll(more);
        return new LaunchSpec(java, jvmOptions, all, handler, environment, workDirectory, log, functionArn, timeout);
    }
}
