package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every function's shaded jar, as Lambda runs it: a fresh JVM with the template's
 * {@code JAVA_TOOL_OPTIONS} and nothing on the class path but the jar (and {@link FunctionJarRunner}),
 * its handler built, its SnapStart hook run, then one real request against the local stack's
 * DynamoDB and KMS. A class the jar left out that any of this needs fails here, not in AWS.
 */
class FunctionJarsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PRIMED = Pattern.compile("SnapStart priming: (\\d+) of (\\d+) steps");
    private static final Pattern PRIMED_AT_INIT = Pattern.compile("Init priming: (\\d+) of (\\d+) steps");
    private static final Path RUNNER = Path.of("target/function-jar-runner");

    private final ApiUnderTest api = new ApiUnderTest();

    @BeforeAll
    static void runnerOnItsOwn() throws IOException {
        assumeTrue(ApiUnderTest.localStack().isPresent(), "the jars run against the local stack");
        // Only the runner, not the test classes (their log4j2-test.xml would replace the jar's configuration).
        var target = RUNNER.resolve("com/safebook/local/e2e");
        Files.createDirectories(target);
        try (var classes = Files.list(Path.of("target/test-classes/com/safebook/local/e2e"))) {
            for (var file : classes.filter(f -> f.getFileName().toString().startsWith("FunctionJarRunner"))
                    .toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void everyFunctionJar_primesForSnapStartAndAnswersARealRequest() throws Exception {
        var start = api.freeSlot("follow-up");
        var booked = run(
                "booking",
                "com.safebook.booking.BookingHandler",
                "api",
                api("POST", "/bookings", "/bookings", Map.of(), Map.of(), Map.of(), bookingBody(start)));
        assertThat(booked.status()).as(booked.output()).isEqualTo(201);
        var booking = JSON.readTree(booked.body());
        var bearer =
                Map.of("Authorization", "Bearer " + booking.path("manageToken").asText());

        var consents = run(
                "consent",
                "com.safebook.consent.ConsentHandler",
                "api",
                api("GET", "/consents", "/consents", bearer, Map.of(), Map.of(), null));
        assertThat(consents.status()).as(consents.output()).isEqualTo(200);

        var export = run(
                "erasure",
                "com.safebook.erasure.ErasureHandler",
                "api",
                api("GET", "/me/data", "/me/data", bearer, Map.of(), Map.of(), null));
        assertThat(export.status()).as(export.output()).isEqualTo(200);
        assertThat(export.body()).contains("Jar Runner");

        var day = OffsetDateTime.parse(start).toLocalDate().toString();
        var staff = run(
                "staff",
                "com.safebook.staff.StaffHandler",
                "api",
                api(
                        "GET",
                        "/staff/bookings",
                        "/staff/bookings",
                        Map.of(),
                        Map.of("date", day),
                        Map.of("sub", "jar-run-staff", "cognito:groups", "staff"),
                        null));
        assertThat(staff.status()).as(staff.output()).isEqualTo(200);
        assertThat(staff.body()).contains(booking.path("bookingId").asText());

        var publicKey = run(
                "audit",
                "com.safebook.audit.AuditHandler",
                "api",
                api(
                        "GET",
                        "/staff/audit/public-key",
                        "/staff/audit/public-key",
                        Map.of(),
                        Map.of(),
                        Map.of("sub", "jar-run-auditor", "cognito:groups", "auditor"),
                        null));
        assertThat(publicKey.status()).as(publicKey.output()).isEqualTo(200);
        assertThat(publicKey.body()).contains("BEGIN PUBLIC KEY");

        var sealed = run("audit-digest", "com.safebook.audit.AuditDigestHandler", "schedule", JSON.createObjectNode());
        assertThat(sealed.answer()).as(sealed.output()).matches("\\d+");

        var expired = run("retention", "com.safebook.retention.RetentionHandler", "stream", expiry());
        assertThat(JSON.readTree(expired.answer()).path("batchItemFailures").size())
                .as(expired.output())
                .isZero();
    }

    @Test
    void everyFunctionJar_clientsBuiltAsInAws_resolveTheirEndpointsAndSignWithTheJarsOwnClasses() throws Exception {
        for (var function : List.of("booking", "erasure", "staff", "audit", "consent", "retention")) {
            var jar = jar(function);
            var command = List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-cp",
                    jar + File.pathSeparator + RUNNER.toAbsolutePath(),
                    FunctionJarRunner.AwsEndpoints.class.getName());
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            // As in AWS: no endpoint anywhere in the environment.
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SAFEBOOK_"));
            builder.environment().put("AWS_REGION", "us-east-1");
            var process = builder.start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(function + ": " + output).isZero();
            var usesKms = !function.equals("consent") && !function.equals("retention");
            assertThat(output)
                    .as(function)
                    .contains("ANSWER dynamodb.us-east-1.amazonaws.com"
                            + (usesKms ? ",kms.us-east-1.amazonaws.com" : ""));
        }
    }

    /** What one run printed, and the answer it ended with. */
    private record Run(String output, String answer) {
        int status() {
            return Integer.parseInt(answer.substring(0, answer.indexOf(' ')));
        }

        String body() {
            return answer.substring(answer.indexOf(' ') + 1);
        }
    }

    private Run run(String function, String handler, String kind, JsonNode event) throws Exception {
        var jar = jar(function.replace("audit-digest", "audit"));
        var eventFile = Files.createTempFile(Path.of("target"), function + "-event", ".json");
        JSON.writeValue(eventFile.toFile(), event);
        var command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                jar + File.pathSeparator + RUNNER.toAbsolutePath(),
                FunctionJarRunner.class.getName(),
                function,
                kind,
                eventFile.toString(),
                handler);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(lambdaEnvironment(function));
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        var primed = PRIMED.matcher(output);
        assertThat(primed.find()).as("the SnapStart hook ran: " + output).isTrue();
        assertThat(primed.group(1))
                .as("every priming step succeeded: " + output)
                .isEqualTo(primed.group(2));
        var primedAtInit = PRIMED_AT_INIT.matcher(output);
        assertThat(primedAtInit.find())
                .as("init primed on its second thread: " + output)
                .isTrue();
        assertThat(primedAtInit.group(1))
                .as("every init priming step succeeded: " + output)
                .isEqualTo(primedAtInit.group(2))
                .isNotEqualTo("0");
        // Logged as Powertools' JSON by the jar's Logback (configured by safebook-logging, found in the
        // jar's service files): outside an invocation without the invocation's fields, within one
        // with them. HTTP requests log one line each; the workers log theirs without Powertools' context.
        var primingLine = JSON.readTree(output.lines()
                .filter(line -> line.contains("SnapStart priming"))
                .findFirst()
                .orElseThrow());
        assertThat(primingLine.path("level").asText()).as(output).isEqualTo("INFO");
        assertThat(primingLine.path("timestamp").asText()).as(output).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]{12}Z");
        assertThat(primingLine.has("function_request_id")).as(output).isFalse();
        if (kind.equals("api")) {
            var requestLine = JSON.readTree(output.lines()
                    .filter(line -> line.contains("\"function_request_id\""))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No line within the invocation: " + output)));
            assertThat(requestLine.path("function_request_id").asText()).isEqualTo("function-jar-run");
            assertThat(requestLine.path("service").asText()).isEqualTo(function);
            assertThat(requestLine.path("cold_start").isBoolean()).as(output).isTrue();
            assertThat(requestLine.path("function_memory_size").isInt())
                    .as(output)
                    .isTrue();
        }
        var answer = output.lines()
                .filter(line -> line.startsWith("ANSWER "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No answer: " + output))
                .substring("ANSWER ".length());
        return new Run(output, answer);
    }

    private static Path jar(String function) {
        var jar = Path.of("../../functions/" + function + "/target/" + function + ".jar")
                .toAbsolutePath()
                .normalize();
        assertThat(jar).exists();
        return jar;
    }

    /**
     * The function's environment as the template gives it (the local stack keeps it as system
     * properties), pointed at the local stack, with Lambda's variables and JVM options.
     */
    private static Map<String, String> lambdaEnvironment(String function) {
        var environment = new HashMap<String, String>();
        System.getProperties().forEach((name, value) -> {
            if (name.toString().matches("[A-Z][A-Z0-9_]*")) {
                environment.put(name.toString(), value.toString());
            }
        });
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function);
        environment.put("POWERTOOLS_SERVICE_NAME", function);
        environment.put(
                "JAVA_TOOL_OPTIONS",
                "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -XX:MetaspaceSize=64m");
        return environment;
    }

    private static String bookingBody(String start) {
        return "{\"serviceId\":\"follow-up\",\"start\":\"" + start
                + "\",\"customer\":{\"name\":\"Jar Runner\",\"email\":\"jar." + UUID.randomUUID()
                + "@example.org\"}}";
    }

    private static ObjectNode api(
            String method,
            String resource,
            String path,
            Map<String, String> headers,
            Map<String, String> query,
            Map<String, String> claims,
            String body) {
        var allHeaders = new HashMap<>(headers);
        if (body != null) {
            allHeaders.put("Content-Type", "application/json");
            allHeaders.put("Idempotency-Key", ApiUnderTest.newKey());
        }
        var context = JSON.createObjectNode()
                .put("requestId", UUID.randomUUID().toString())
                .put("resourcePath", resource)
                .put("httpMethod", method);
        context.putObject("identity").put("sourceIp", "127.0.0.1");
        if (!claims.isEmpty()) {
            context.putObject("authorizer").set("claims", JSON.valueToTree(claims));
        }
        var event = JSON.createObjectNode()
                .put("resource", resource)
                .put("path", path)
                .put("httpMethod", method);
        event.set("headers", JSON.valueToTree(allHeaders));
        event.set("queryStringParameters", query.isEmpty() ? null : JSON.valueToTree(query));
        event.set("requestContext", context);
        event.put("body", body);
        return event;
    }

    /** DynamoDB's TTL removing an idempotency record, as the stream delivers it. */
    private static ObjectNode expiry() {
        var keys = JSON.createObjectNode();
        keys.putObject("pk").put("S", "IDEMPOTENCY#jar-run-" + UUID.randomUUID());
        keys.putObject("sk").put("S", "IDEMPOTENCY");
        var record = JSON.createObjectNode()
                .put("eventID", UUID.randomUUID().toString().replace("-", ""))
                .put("eventName", "REMOVE")
                .put("eventSource", "aws:dynamodb");
        var dynamodb = record.putObject("dynamodb")
                .put("ApproximateCreationDateTime", System.currentTimeMillis() / 1000)
                .put("SequenceNumber", "1")
                .put("StreamViewType", "KEYS_ONLY");
        dynamodb.set("Keys", keys);
        record.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
        var event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event;
    }
}
