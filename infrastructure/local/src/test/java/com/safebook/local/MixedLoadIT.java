package com.safebook.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The load test of {@code infrastructure/bench/mixed-load.sh}, as CI runs it: the shaded jar under
 * 60 s of mixed load from wrk (availability, bookings, manage reads, staff reads), with not one
 * socket error or answer outside 2xx. CI installs wrk; without it the test is skipped and says so.
 */
class MixedLoadIT {
    private static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) .*socket_errors=(\\d+)");
    private static final Pattern STATUS = Pattern.compile("(?m)^STATUS (\\d+) (\\d+)$");

    @Test
    void mixedLoadForSixtySeconds_everyAnswerIsA2xx() throws Exception {
        assumeTrue(onPath("wrk") && onPath("python3"), "wrk and python3 are needed (apt-get install wrk python3)");
        var summary = Path.of("target/test-logs/mixed-load.txt").toAbsolutePath();
        var log = Path.of("target/test-logs/mixed-load.log").toAbsolutePath();
        Files.createDirectories(summary.getParent());
        var process = new ProcessBuilder(
                        List.of("../bench/mixed-load.sh", "--duration", "60", "--out", summary.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as("the load run ended")
                .isTrue();
        var output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();

        var result = RESULT.matcher(Files.readString(summary));
        assertThat(result.find()).as(output).isTrue();
        assertThat(Long.parseLong(result.group(1))).as("requests answered").isGreaterThan(1_000);
        assertThat(Long.parseLong(result.group(2))).as("socket errors").isZero();
        var statuses = STATUS.matcher(Files.readString(summary));
        long answers = 0;
        while (statuses.find()) {
            assertThat(Integer.parseInt(statuses.group(1))).as("status").isBetween(200, 299);
            answers += Long.parseLong(statuses.group(2));
        }
        assertThat(answers).isGreaterThan(1_000);
    }

    private static boolean onPath(String command) throws Exception {
        var which = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
