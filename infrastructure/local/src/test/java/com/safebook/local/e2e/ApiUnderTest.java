package com.safebook.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.config.Settings;
import com.safebook.aws.invariants.InvariantReport;
import com.safebook.aws.invariants.StoredDataInvariants;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API the end-to-end tests call: the local stack started once in this JVM on free ports, or
 * a deployed stack when {@code SAFEBOOK_API_URL} names one (LocalStack or a real account), so
 * that the same tests run unchanged against either.
 */
final class ApiUnderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the local stack in this JVM logs (log4j2-test.xml), for tests that look for what must or must not be there. */
    static final Path LOCAL_STACK_LOG = Path.of("target/test-logs/local-stack.log");

    /** How old a record must be before the local stack's audit function seals it. */
    static final Duration AUDIT_SETTLE = Duration.ofSeconds(1);

    private static String baseUrl;
    private static LocalStack localStack;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<String> base;
    private final Duration timeout;

    /** The API of this JVM's shared local stack, or the deployed one {@code SAFEBOOK_API_URL} names. */
    ApiUnderTest() {
        this(ApiUnderTest::baseUrl, Duration.ofSeconds(30));
    }

    /** The API of a stack a test started for itself (one it stops, restarts or injects faults into). */
    ApiUnderTest(LocalStack stack) {
        this(stack::apiUrl, Duration.ofSeconds(30));
    }

    private ApiUnderTest(Supplier<String> base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /**
     * The same API, waiting up to {@code timeout} for each answer: for tests of what is answered
     * rather than how fast, which may queue hundreds of requests on a busy machine.
     */
    ApiUnderTest waitingUpTo(Duration timeout) {
        return new ApiUnderTest(base, timeout);
    }

    static synchronized String baseUrl() {
        return baseUrl(Clock.systemUTC());
    }

    private static synchronized String baseUrl(Clock clock) {
        if (baseUrl == null) {
            var external = System.getenv("SAFEBOOK_API_URL");
            if (external != null && !external.isBlank()) {
                baseUrl = external.replaceAll("/$", "");
            } else {
                try {
                    // Every request here is over once it is answered, so the audit function may seal
                    // records a second old instead of 30 s (read by Settings, like the template's variables).
                    System.setProperty("AUDIT_SETTLE_SECONDS", Long.toString(AUDIT_SETTLE.toSeconds()));
                    var stack = LocalStack.start(
                            LocalStackOptions.ephemeral().withTemplate(Path.of("../../template.yaml")), clock);
                    Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
                    baseUrl = stack.apiUrl();
                    localStack = stack;
                } catch (Exception e) {
                    throw new IllegalStateException("The local stack did not start", e);
                }
            }
        }
        return baseUrl;
    }

    /** The local stack in this JVM, unless the tests run against a deployed stack. */
    static synchronized Optional<LocalStack> localStack() {
        baseUrl();
        return Optional.ofNullable(localStack);
    }

    /**
     * The local stack in this JVM started on {@code clock}, the time of its user pool and authorizer (token
     * lifetimes, TOTP steps), so that a test can let a token expire. Call it before anything else reaches the
     * API: a stack already started keeps its clock, which is refused here.
     */
    static synchronized Optional<LocalStack> localStack(Clock clock) {
        if (baseUrl != null && localStack != null) {
            throw new IllegalStateException("The local stack already runs on another clock");
        }
        baseUrl(clock);
        return Optional.ofNullable(localStack);
    }

    /** A DynamoDB client for the local stack's AWS endpoint, to read its tables raw, past the API. */
    static DynamoDbClient rawDynamoDb(LocalStack stack) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(stack.awsEndpointUrl()))
                .region(Region.of(LocalStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }
    }

    Response get(String path, Map<String, String> headers) {
        return send(request(path, headers).GET());
    }

    Response get(String path) {
        return get(path, Map.of());
    }

    Response delete(String path, Map<String, String> headers) {
        return send(request(path, headers).DELETE());
    }

    Response put(String path, String body, Map<String, String> headers) {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response post(String path, String body, Map<String, String> headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response book(String serviceId, String start, String name, String email, String key) {
        var body = "{\"serviceId\":\"" + serviceId + "\",\"start\":\"" + start + "\",\"customer\":{\"name\":\"" + name
                + "\",\"email\":\"" + email + "\"}}";
        return post("/bookings", body, Map.of("Content-Type", "application/json", "Idempotency-Key", key));
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** A random free slot of the service in the next weeks, so that tests do not collide. */
    String freeSlot(String serviceId) {
        var from = LocalDate.now().plusDays(2);
        var slots = get("/availability?serviceId=" + serviceId + "&from=" + from + "&to=" + from.plusDays(27))
                .json()
                .path("slots");
        if (slots.isEmpty()) {
            throw new IllegalStateException("No free slot for " + serviceId);
        }
        return slots.get(ThreadLocalRandom.current().nextInt(slots.size()))
                .path("start")
                .asText();
    }

    /**
     * The CPU time this test JVM (the stack, its functions and the test's clients) has used so far: on a
     * shared machine a better measure of what a test costs than the time it took.
     */
    static Duration cpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The invariants of the stack's tables, checked as an operator's {@code check-invariants} does. */
    static InvariantReport checkInvariants(LocalStack stack) {
        var settings = Settings.fromEnvironment();
        try (var dynamoDb = rawDynamoDb(stack)) {
            return new StoredDataInvariants(
                            dynamoDb,
                            new StoredDataInvariants.Tables(
                                    settings.bookingsTable(), settings.auditTable(), settings.keysTable()),
                            Clock.systemUTC(),
                            StoredDataInvariants.DEFAULT_ERASURE_GRACE)
                    .check();
        }
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(base.get() + path)).timeout(timeout);
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("The API did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
