package com.safebook.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier's usage errors; the e2e AuditTrailTest runs it on a real export. */
class AuditVerifyCommandTest {

    @Test
    void run_missingFlag_isUsageError() {
        var err = new ByteArrayOutputStream();

        int status = AuditVerifyCommand.run(
                new String[] {"--records", "r.json"}, new PrintStream(new ByteArrayOutputStream()), print(err));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--digests is required", "Usage:");
    }

    @Test
    void run_filesThatAreNotAnExport_isUsageError(@TempDir Path dir) throws Exception {
        var file = dir.resolve("x.json");
        Files.writeString(file, "{\"something\":\"else\"}");
        var err = new ByteArrayOutputStream();

        int status = AuditVerifyCommand.run(
                new String[] {
                    "--records", file.toString(), "--digests", file.toString(), "--public-key", file.toString()
                },
                new PrintStream(new ByteArrayOutputStream()),
                print(err));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("GET /staff/audit");
    }

    @Test
    void run_unreadableFile_isUsageError(@TempDir Path dir) {
        var missing = dir.resolve("missing.json").toString();

        int status = AuditVerifyCommand.run(
                new String[] {"--records", missing, "--digests", missing, "--public-key", missing},
                new PrintStream(new ByteArrayOutputStream()),
                print(new ByteArrayOutputStream()));

        assertThat(status).isEqualTo(2);
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
