package com.safebook.bench.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;

/**
 * Execution environments for the test handlers of this package ({@link EchoHandler} and the like),
 * started as Lambda starts a 1,024 MB function, under the runtime libraries the build unpacked.
 */
public final class TestHandlerEnvironments {
    private TestHandlerEnvironments() {}

    /** An environment named {@code function} running {@code handler}, with its files under {@code work}. */
    public static LaunchSpec spec(Path work, String function, String handler) throws Exception {
        var libraries = RuntimeLibraries.in(Path.of(System.getProperty("safebook.bench.lambdaRuntime")), work);
        var classpath = new ArrayList<>(libraries.jars());
        classpath.add(Path.of(EchoHandler.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI()));
        var task = Files.createDirectories(work.resolve("task"));
        return new LaunchSpec(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                LambdaJavaRuntime.jvmOptions(1024, libraries.jniLibrary()),
                classpath,
                handler,
                LambdaEnvironment.variables(function, 1024, handler, "us-east-1", task, work),
                task,
                work.resolve(function + ".log"),
                "arn:aws:lambda:us-east-1:000000000000:function:" + function,
                Duration.ofSeconds(15));
    }
}
