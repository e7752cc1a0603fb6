package com.safebook.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The class path entry that attaches {@link CapacityRecorder} to every SDK client of a function: the
 * interceptor's class and the SDK's list of global interceptors naming it. Assembled in a directory of
 * its own at run time rather than shipped in the harness's resources, where it would also attach to the
 * harness's own clients.
 */
public final class ProbeClasspath {
    static final String GLOBAL_INTERCEPTORS = "software/amazon/awssdk/global/handlers/execution.interceptors";

    private ProbeClasspath() {}

    /** Writes the entry into {@code directory} and answers it. */
    public static Path create(Path directory) {
        var classFile = CapacityRecorder.class.getName().replace('.', '/') + ".class";
        try (var in = CapacityRecorder.class.getClassLoader().getResourceAsStream(classFile)) {
            if (in == null) {
                throw new IllegalStateException("The probe's class file is not on the class path: " + classFile);
            }
            var target = directory.resolve(classFile);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            var list = directory.resolve(GLOBAL_INTERCEPTORS);
            Files.createDirectories(list.getParent());
            Files.writeString(list, CapacityRecorder.class.getName() + "\n", StandardCharsets.UTF_8);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot assemble the capacity probe in " + directory, e);
        }
    }
}
