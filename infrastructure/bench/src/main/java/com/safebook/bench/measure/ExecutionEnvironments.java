package com.safebook.bench.measure;

import com.safebook.bench.runtime.LambdaEnvironment;
import com.safebook.bench.runtime.LambdaJavaRuntime;
import com.safebook.bench.runtime.LaunchSpec;
import com.safebook.bench.runtime.RuntimeLibraries;
import com.safebook.bench.stack.FunctionDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * How each function's execution environment is started: Lambda's JVM options for its memory, the
 * runtime's jars then the function's jar, Lambda's reserved variables over the template's, the local
 * stack as the AWS endpoint, and credentials as Lambda gives them (a key pair and a session token).
 */
public final class ExecutionEnvironments {
    private final Path java;
    private final RuntimeLibraries runtime;
    private final Path runtimeDirectory;
    private final Path workRoot;
    private final String awsEndpoint;
    private final String region;
    private final String account;

    public ExecutionEnvironments(
            Path java,
            RuntimeLibraries runtime,
            Path runtimeDirectory,
            Path workRoot,
            String awsEndpoint,
            String region,
            String account) {
        this.java = java;
        this.runtime = runtime;
        this.runtimeDirectory = runtimeDirectory;
        this.workRoot = workRoot;
        this.awsEndpoint = awsEndpoint;
        this.region = region;
        this.account = account;
    }

    public LaunchSpec spec(FunctionDefinition function) {
        var directory = workRoot.resolve(function.name());
        var task = directory.resolve("task");
        var environment = new LinkedHashMap<>(function.environment());
        environment.put("AWS_ENDPOINT_URL", awsEndpoint);
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_SESSION_TOKEN", "local-session");
        environment.putAll(LambdaEnvironment.variables(
                function.logicalId(), function.memoryMb(), function.handler(), region, task, runtimeDirectory));
        var classpath = new ArrayList<>(runtime.jars());
        classpath.add(function.jar());
        return new LaunchSpec(
                java,
                LambdaJavaRuntime.jvmOptions(function.memoryMb(), runtime.jniLibrary()),
                classpath,
                function.handler(),
                environment,
                task,
                directory.resolve(function.name() + ".log"),
                function.arn(region, account),
                function.timeout());
    }

    /** Where a function's files go (its log, its AOT cache). */
    public Path directory(String function) {
        return workRoot.resolve(function);
    }
}
