package com.safebook.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The operators' command against the local stack's AWS endpoint, as they would run it. */
class CheckInvariantsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.ephemeral().withTemplate(Path.of("../../template.yaml")));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void run_storeWrittenThroughTheApi_isCleanWithExitZero() throws Exception {
        book("Clean Carla", "clean.carla@example.com");
        var out = new ByteArrayOutputStream();

        int status = CheckInvariantsCommand.run(
                new String[] {"--endpoint", stack.awsEndpointUrl()}, print(out), print(new ByteArrayOutputStream()));

        assertThat(status).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Checked BookingsTable (")
                .contains("AuditTable (", "KeysTable (")
                .endsWith("CLEAN\n");
    }

    @Test
    void run_lockDeletedRaw_printsTheBookingByKeyWithExitOne() throws Exception {
        var bookingId = book("Broken Bert", "broken.bert@example.com");
        try (var dynamoDb = rawClient()) {
            var lock = dynamoDb.scan(r -> r.tableName("BookingsTable")).items().stream()
                    .filter(item -> item.get("pk").s().startsWith("LOCK#")
                            && bookingId.equals(item.get("bookingId").s()))
                    .findFirst()
                    .orElseThrow();
            dynamoDb.deleteItem(
                    r -> r.tableName("BookingsTable").key(Map.of("pk", lock.get("pk"), "sk", lock.get("sk"))));
            var out = new ByteArrayOutputStream();
            int status;
            try {
                status = CheckInvariantsCommand.run(
                        new String[] {"--endpoint", stack.awsEndpointUrl(), "--region", "us-east-1"},
                        print(out),
                        print(new ByteArrayOutputStream()));
            } finally {
                dynamoDb.putItem(r -> r.tableName("BookingsTable").item(lock));
            }

            assertThat(status).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("VIOLATION BOOKING_HOLDS_ITS_LOCKS BookingsTable BOOKING#" + bookingId
                            + "/BOOKING: no lock " + lock.get("pk").s() + "/"
                            + lock.get("sk").s())
                    .contains("     1  BOOKING_HOLDS_ITS_LOCKS: A confirmed booking holds the lock")
                    .contains("VIOLATIONS: 1")
                    .doesNotContain("Broken Bert", "broken.bert");
        }
    }

    @Test
    void run_unknownOptionOrBadNumber_isUsageErrorWithExitTwo() {
        for (var args : new String[][] {
            {"--bookings", "x"}, {"--erasure-grace-minutes", "soon"}, {"--endpoint"}, {"--endpoint", "not a url"}
        }) {
            var err = new ByteArrayOutputStream();

            int status = CheckInvariantsCommand.run(args, print(new ByteArrayOutputStream()), print(err));

            assertThat(status).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:");
        }
    }

    @Test
    void run_tableThatDoesNotExist_isExitTwo() {
        var err = new ByteArrayOutputStream();

        int status = CheckInvariantsCommand.run(
                new String[] {"--endpoint", stack.awsEndpointUrl(), "--keys-table", "NoSuchTable"},
                print(new ByteArrayOutputStream()),
                print(err));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("The tables could not be read");
    }

    private static String book(String name, String email) throws Exception {
        var http = HttpClient.newHttpClient();
        var from = LocalDate.now().plusDays(2);
        var slots = JSON.readTree(http.send(
                                HttpRequest.newBuilder(
                                                URI.create(stack.apiUrl() + "/availability?serviceId=follow-up&from="
                                                        + from + "&to=" + from.plusDays(20)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("slots");
        HttpResponse<String> booked = null;
        // A random slot of many: another test's booking may have taken it.
        for (int attempt = 0; attempt < 5 && (booked == null || booked.statusCode() == 409); attempt++) {
            var start = slots.get(ThreadLocalRandom.current().nextInt(slots.size()))
                    .path("start")
                    .asText();
            booked = http.send(
                    HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/bookings"))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"serviceId\":\"follow-up\",\"start\":\"" + start + "\",\"customer\":{\"name\":\""
                                            + name + "\",\"email\":\"" + email + "\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        return JSON.readTree(booked.body()).path("bookingId").asText();
    }

    private static DynamoDbClient rawClient() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(stack.awsEndpointUrl()))
                .region(Region.of(LocalStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
