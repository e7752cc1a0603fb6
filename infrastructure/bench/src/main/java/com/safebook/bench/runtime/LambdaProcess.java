package com.safebook.bench.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One execution environment: a fresh JVM running the real Lambda runtime interface client against its
 * own {@link RuntimeApiEmulator}. Init is measured as Lambda reports it, from starting the process to
 * the runtime's first request for an event.
 */
public final class LambdaProcess implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);

    private final LaunchSpec spec;
    private final RuntimeApiEmulator api;
    private final Process process;
    private final long spawnedNanos;

    private LambdaProcess(LaunchSpec spec, RuntimeApiEmulator api, Process process, long spawnedNanos) {
        this.spec = spec;
        this.api = api;
        this.process = process;
        this.spawnedNanos = spawnedNanos;
    }

    public static LambdaProcess start(LaunchSpec spec) {
        RuntimeApiEmulator api = null;
        try {
            api = RuntimeApiEmulator.start(spec.functionArn(), spec.timeout());
            var command = new ArrayList<String>();
            command.add(spec.java().toString());
            command.addAll(spec.jvmOptions());
            command.add("-classpath");
            command.add(spec.classpath().stream()
                    .map(p -> p.toAbsolutePath().toString())
                    .collect(Collectors.joining(File.pathSeparator)));
            command.add(LambdaJavaRuntime.MAIN_CLASS);
            command.add(spec.handler());
            Files.createDirectories(spec.workDirectory());
            var builder = new ProcessBuilder(command)
                    .directory(spec.workDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(spec.log().toFile()));
            builder.environment().clear();
            builder.environment().putAll(spec.environment());
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            long spawned = System.nanoTime();
            var process = builder.start();
            return new LambdaProcess(spec, api, process, spawned);
        } catch (IOException e) {
            if (api != null) {
                api.close();
            }
            throw new UncheckedIOException("Cannot start " + spec.handler(), e);
        }
    }

    /** Waits for the runtime's first {@code /next}; answers the init duration. */
    public Duration awaitInit(Duration limit) {
        long initialized = await(api.initialized(), limit, "init");
        return Duration.ofNanos(initialized - spawnedNanos);
    }

    /** Hands the runtime one event and waits for its answer (a response or an error). */
    public Invocation invoke(byte[] event, Duration limit) {
        return await(api.submit(event), limit, "an invocation");
    }

    /**
     * Ends the environment as Lambda does when it shuts one down (SIGTERM), and waits for the JVM to
     * exit: an AOT training run writes its cache then. Answers the exit code.
     */
    public int shutDown(Duration limit) {
        process.destroy();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(spec.handler() + " did not exit within " + limit);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + spec.handler() + " shut down", e);
        } finally {
            api.close();
        }
    }

    /** Kills the environment (a sample is over). */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }

    private <T> T await(CompletableFuture<T> future, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return future.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(spec.handler() + " exited with code " + process.exitValue()
                            + " during " + what + "; its output ends with:\n" + logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(spec.handler() + " did not finish " + what + " within " + limit
                            + "; output:\n" + logTail());
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeInitException init) {
                    throw init;
                }
                throw new IllegalStateException(spec.handler() + " failed during " + what, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(spec.log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
