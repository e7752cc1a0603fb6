package com.safebook.bench.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * What Lambda keeps in {@code /var/runtime/lib}: the runtime interface client, the libraries it needs,
 * and its native HTTP client unpacked once (as Lambda ships it), so that no process unpacks it at start.
 *
 * @param jars the runtime's jars, in a stable order
 * @param jniLibrary the native library for this machine
 */
public record RuntimeLibraries(List<Path> jars, Path jniLibrary) {
    private static final String CLIENT_JAR = "aws-lambda-java-runtime-interface-client-";

    /**
     * @param directory the jars ({@code infrastructure/bench/target/lambda-runtime})
     * @param workDirectory where the native library is unpacked
     */
    public static RuntimeLibraries in(Path directory, Path workDirectory) {
        try (Stream<Path> files = Files.list(directory)) {
            var jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
            var client = jars.stream()
                    .filter(j -> j.getFileName().toString().startsWith(CLIENT_JAR))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runtime interface client in " + directory
                            + "; build the bench module first (./mvnw -pl infrastructure/bench -am package)"));
            return new RuntimeLibraries(jars, unpackNativeClient(client, workDirectory.resolve("jni")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the runtime's jars in " + directory, e);
        }
    }

    private static Path unpackNativeClient(Path clientJar, Path directory) throws IOException {
        var name = "libaws-lambda-jni.linux-" + architecture() + ".so";
        var target = directory.resolve(name);
        try (var zip = new ZipFile(clientJar.toFile())) {
            var entry = zip.getEntry("jni/" + name);
            if (entry == null) {
                throw new IllegalStateException("The runtime interface client has no native library " + name);
            }
            Files.createDirectories(directory);
            try (var in = zip.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private static String architecture() {
        var arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("Lambda runs x86_64 and arm64, not " + arch);
        };
    }
}
