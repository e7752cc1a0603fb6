package com.safebook.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a run measured on, as Linux and the JVM describe it. */
public record Machine(int processors, String cpuModel, long memoryBytes, String jdk, String os) {

    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                procField(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
                procField(Path.of("/proc/meminfo"), "MemTotal")
                        .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024)
                        .orElse(-1L),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    private static Optional<String> procField(Path file, String name) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
