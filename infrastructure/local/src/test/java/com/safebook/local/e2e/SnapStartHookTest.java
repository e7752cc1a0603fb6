package com.safebook.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.safebook.audit.AuditDigestHandler;
import com.safebook.audit.AuditHandler;
import com.safebook.aws.testing.RawTables;
import com.safebook.booking.BookingHandler;
import com.safebook.consent.ConsentHandler;
import com.safebook.erasure.ErasureHandler;
import com.safebook.local.LocalStack;
import com.safebook.local.api.LocalLambdaContext;
import com.safebook.retention.RetentionHandler;
import com.safebook.staff.StaffHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crac.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each function's SnapStart hook, run as Lambda runs it just before a snapshot, on handlers built
 * in this JVM against the local stack's DynamoDB and KMS: it writes nothing and calls no KMS, it
 * leaves no subject or index key in memory, and the function answers as before afterwards.
 */
class SnapStartHookTest {
    private static final List<String> KMS_OPERATIONS =
            List.of("GenerateDataKey", "Decrypt", "Encrypt", "Sign", "Verify", "GetPublicKey");

    private static LocalStack stack;
    private static DynamoDbClient raw;
    private final ApiUnderTest api = new ApiUnderTest();

    @BeforeAll
    static void localStack() {
        var local = ApiUnderTest.localStack();
        assumeTrue(local.isPresent(), "the hooks run in this JVM, against the local stack only");
        stack = local.get();
        raw = ApiUnderTest.rawDynamoDb(stack);
    }

    @Test
    void beforeCheckpoint_everyFunction_writesNothingToAnyTableAndCallsNoKms() throws Exception {
        // Some data first, so that an unwanted write or delete would show.
        assertThat(book(new BookingHandler(), "hook.data." + UUID.randomUUID() + "@example.org")
                        .getStatusCode())
                .isEqualTo(201);
        List<Resource> functions = List.of(
                new BookingHandler(),
                new ConsentHandler(),
                new ErasureHandler(),
                new StaffHandler(),
                new AuditHandler(),
                new AuditDigestHandler(),
                new RetentionHandler());
        var items = everyItem();
        var kmsCalls = kmsCalls();

        for (var function : functions) {
            function.beforeCheckpoint(null);
        }

        assertThat(everyItem()).isNotEmpty().isEqualTo(items);
        assertThat(kmsCalls()).isEqualTo(kmsCalls);
    }

    @Test
    void beforeCheckpoint_afterBookingsCachedTheKeys_forgetsSubjectAndIndexKeysAndStillBooks() {
        var booking = new BookingHandler();
        var email = "hook." + UUID.randomUUID() + "@example.org";
        assertThat(book(booking, email).getStatusCode()).isEqualTo(201);
        long decrypts = stack.kms().callCount("Decrypt");
        assertThat(book(booking, email).getStatusCode()).isEqualTo(201);
        assertThat(stack.kms().callCount("Decrypt")).as("the keys are cached").isEqualTo(decrypts);

        booking.beforeCheckpoint(null);

        assertThat(book(booking, email).getStatusCode()).isEqualTo(201);
        assertThat(stack.kms().callCount("Decrypt") - decrypts)
                .as("the index key and the subject key are unwrapped again")
                .isEqualTo(2);
    }

    private APIGatewayProxyResponseEvent book(BookingHandler handler, String email) {
        var body = "{\"serviceId\":\"follow-up\",\"start\":\"" + api.freeSlot("follow-up")
                + "\",\"customer\":{\"name\":\"Hook Tester\",\"email\":\"" + email + "\"}}";
        var event = new APIGatewayProxyRequestEvent()
                .withResource("/bookings")
                .withPath("/bookings")
                .withHttpMethod("POST")
                .withHeaders(Map.of("Content-Type", "application/json", "Idempotency-Key", ApiUnderTest.newKey()))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(UUID.randomUUID().toString())
                        .withResourcePath("/bookings")
                        .withHttpMethod("POST")
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("127.0.0.1")))
                .withBody(body);
        return handler.handleRequest(
                event,
                new LocalLambdaContext(
                        "booking", UUID.randomUUID().toString(), System.currentTimeMillis() + 15_000, 1024));
    }

    private static List<String> everyItem() {
        var tables = List.of(
                System.getProperty("BOOKINGS_TABLE"),
                System.getProperty("AUDIT_TABLE"),
                System.getProperty("KEYS_TABLE"),
                System.getProperty("AUDIT_DIGESTS_TABLE"));
        return RawTables.scan(raw, tables).stream()
                .map(item -> new String(item, StandardCharsets.ISO_8859_1))
                .sorted()
                .toList();
    }

    private static long kmsCalls() {
        return KMS_OPERATIONS.stream().mapToLong(stack.kms()::callCount).sum();
    }
}
