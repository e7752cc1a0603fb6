package com.safebook.local.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import com.safebook.local.template.ApiThrottling;
import com.safebook.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack with template.yaml's own throttling (no {@code --throttle-*} flags), over HTTP: a burst
 * above a method's limit gets the template's THROTTLED problem (429, with Retry-After), never a 5xx, and the
 * limits are the template's, per method, as API Gateway applies the stage's method settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateThrottlingTest {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateThrottlingTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1 as a browser would speak to the stand-in, without an h2c upgrade on every new connection.
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LocalStack stack;
    private ApiThrottling.Limits limits;

    @BeforeAll
    void start() throws Exception {
        var template = Path.of("../../template.yaml");
        try (var in = Files.newInputStream(template)) {
            limits = SamTemplate.read(in, Map.of()).throttling().of("GET", "/consent-purposes");
        }
        stack = LocalStack.start(new LocalStackOptions(
                0, 0, Optional.empty(), Optional.of(template), Optional.empty(), Optional.empty(), true, 0, 0));
    }

    @AfterAll
    void stop() {
        stack.close();
        http.close();
    }

    @Test
    void templatesLimits_areItsParametersDefaults() {
        // TemplateTest pins MethodSettings to these parameters; here, that the stand-in reads them.
        assertThat(limits).isEqualTo(new ApiThrottling.Limits(50, 100));
    }

    /**
     * A burst of five times the limit on one method: the template's burst gets through, and at most what its
     * rate refilled meanwhile; the rest get the template's THROTTLED problem, never a 5xx. Another method,
     * right after, has a bucket of its own.
     */
    @Test
    void burstAboveTheTemplatesLimit_isAnsweredWithThrottledProblemsNeverA5xx_perMethod() throws Exception {
        int requests = (int) limits.burst() * 5;
        // The function's first start (seconds) is not what is measured: warm it, then let the bucket refill.
        assertThat(burst("/consent-purposes", 1)).singleElement().satisfies(r -> assertThat(r.statusCode())
                .isEqualTo(200));
        Thread.sleep((long) (1000 / limits.ratePerSecond()) + 100);

        long started = System.nanoTime();
        var responses = burst("/consent-purposes", requests);
        double seconds = (System.nanoTime() - started) / 1e9;
        var day = LocalDate.now().plusDays(2);
        var anotherMethod = burst("/availability?serviceId=consultation&from=" + day + "&to=" + day, 1);

        var byStatus = new TreeMap<Integer, Integer>();
        responses.forEach(r -> byStatus.merge(r.statusCode(), 1, Integer::sum));
        LOG.info(
                "Burst of {} on GET /consent-purposes (rate {}/s, burst {}): {} in {} s",
                requests,
                limits.ratePerSecond(),
                limits.burst(),
                byStatus,
                String.format("%.2f", seconds));
        int admittedAtMost = (int) (limits.burst() + limits.ratePerSecond() * seconds) + 1;
        assertThat(byStatus.keySet()).as("never a 5xx").isSubsetOf(200, 429);
        assertThat(byStatus.get(200))
                .as("the burst, and at most what the rate refilled in %.2f s", seconds)
                .isBetween((int) limits.burst(), admittedAtMost);
        assertThat(anotherMethod).singleElement().satisfies(r -> assertThat(r.statusCode())
                .as("another method's own bucket")
                .isEqualTo(200));
        // Then the rest were throttled; unless the machine sent the burst slower than the bucket refills.
        assumeTrue(
                admittedAtMost < requests,
                "the burst took " + seconds + " s to send: slower than the refill, nothing left to throttle");
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 429)
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
                    assertThat(r.headers().firstValue("Retry-After")).contains("1");
                    var problem = JSON.readTree(r.body());
                    assertThat(problem.path("type").asText()).isEqualTo("urn:safebook:problem:throttled");
                    assertThat(problem.path("status").asInt()).isEqualTo(429);
                    assertThat(problem.path("requestId").asText())
                            .isEqualTo(
                                    r.headers().firstValue("x-amzn-RequestId").orElseThrow());
                });
    }

    private List<HttpResponse<String>> burst(String path, int requests) {
        var sent = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < requests; i++) {
            sent.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }
}
