package com.safebook.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.aws.testing.LocalDynamoDb;
import com.safebook.bench.workload.Workloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The probe on a real SDK client against DynamoDB Local, which reports consumed capacity too. */
class CapacityRecorderTest {
    @TempDir
    Path work;

    @Test
    void afterExecution_writesAndReads_recordsEachCallWithTheCapacityDynamoDbReported() {
        var log = work.resolve("calls.tsv");
        var table = LocalDynamoDb.createTables("probe").get("bookings");
        try (var client = client(new CapacityRecorder(log.toString()))) {
            var pk = AttributeValue.fromS("PROBE#" + UUID.randomUUID());
            client.putItem(r -> r.tableName(table)
                    .item(Map.of(
                            "pk", pk,
                            "sk", AttributeValue.fromS("A"),
                            "gsi1pk", AttributeValue.fromS("DAY#x"),
                            "gsi1sk", AttributeValue.fromS("1"))));
            client.transactWriteItems(r -> r.transactItems(put(table, pk, "B"), put(table, pk, "C")));
            client.getItem(r -> r.tableName(table).key(Map.of("pk", pk, "sk", AttributeValue.fromS("A"))));
        }

        var calls = ApiCall.readAll(log);

        assertThat(calls).extracting(ApiCall::operation).containsExactly("PutItem", "TransactWriteItems", "GetItem");
        assertThat(calls).allMatch(ApiCall::dynamoDb);
        assertThat(calls.get(0).write()).isTrue();
        assertThat(calls.get(0).capacityUnits()).isEqualTo(2.0); // the item and its byDay index copy
        assertThat(calls.get(1).items()).isEqualTo(2);
        assertThat(calls.get(1).capacityUnits()).isPositive();
        assertThat(calls.get(2).write()).isFalse();
        assertThat(calls.get(2).capacityUnits()).isPositive();
    }

    @Test
    void afterExecution_aTransactionWithATransactionsFile_keepsItsBodyAsSentForTheReplay() throws Exception {
        var log = work.resolve("calls.tsv");
        var transactions = work.resolve("transactions.jsonl");
        var table = LocalDynamoDb.createTables("probe").get("bookings");
        var pk = AttributeValue.fromS("PROBE#" + UUID.randomUUID());
        try (var client = client(new CapacityRecorder(log.toString(), transactions.toString()))) {
            client.putItem(r -> r.tableName(table).item(Map.of("pk", pk, "sk", AttributeValue.fromS("A"))));
            client.transactWriteItems(r -> r.transactItems(put(table, pk, "B"), put(table, pk, "C")));
        }

        var lines = Files.readAllLines(transactions, StandardCharsets.UTF_8);

        assertThat(lines).hasSize(1);
        var sent = new ObjectMapper().readTree(lines.getFirst());
        assertThat(sent.path("ReturnConsumedCapacity").asText()).isEqualTo("INDEXES");
        assertThat(sent.path("TransactItems")).hasSize(2);
        assertThat(sent.at("/TransactItems/1/Put/Item/sk/S").asText()).isEqualTo("C");
        var replay = Workloads.transactionReplay("a booking", lines.getFirst()).orElseThrow();
        var event = new ObjectMapper().readTree(replay.next());
        assertThat(event.has("ReturnConsumedCapacity")).isFalse();
        assertThat(event.path("TransactItems")).isEqualTo(sent.path("TransactItems"));
        assertThat(replay.description())
                .isEqualTo("TransactWriteItems, the transaction of a booking (0 condition checks; puts: 2 in " + table
                        + ")");
    }

    @Test
    void transactionReplay_aTransactionThatUpdates_isNotReplayed() {
        var recorded = "{\"TransactItems\":[{\"Update\":{\"TableName\":\"t\"}}],\"ClientRequestToken\":\"x\"}";

        assertThat(Workloads.transactionReplay("a booking", recorded)).isEmpty();
    }

    @Test
    void modifyRequest_withoutALog_leavesRequestsAsTheyAre() {
        var table = LocalDynamoDb.createTables("probe").get("bookings");
        try (var client = client(new CapacityRecorder((String) null))) {
            var response = client.putItem(r -> r.tableName(table)
                    .item(Map.of(
                            "pk", AttributeValue.fromS("PROBE#" + UUID.randomUUID()),
                            "sk", AttributeValue.fromS("A"))));

            assertThat(response.consumedCapacity()).isNull();
        }
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void create_writesTheClassAndTheSdksListOfGlobalInterceptors() throws Exception {
        var entry = ProbeClasspath.create(work.resolve("probe"));

        assertThat(entry.resolve("com/safebook/bench/probe/CapacityRecorder.class"))
                .isNotEmptyFile();
        assertThat(Files.readString(entry.resolve(ProbeClasspath.GLOBAL_INTERCEPTORS), StandardCharsets.UTF_8))
                .isEqualTo(CapacityRecorder.class.getName() + "\n");
    }

    @Test
    void parse_aProbeLine_readsItsFields() {
        var call = ApiCall.parse("Kms\tGenerateDataKey\t1\t0.0");

        assertThat(call.kms()).isTrue();
        assertThat(call.write()).isFalse();
        assertThat(call.operation()).isEqualTo("GenerateDataKey");
    }

    private static TransactWriteItem put(String table, AttributeValue pk, String sk) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(Map.of("pk", pk, "sk", AttributeValue.fromS(sk))))
                .build();
    }

    private static DynamoDbClient client(CapacityRecorder recorder) {
        return DynamoDbClient.builder()
                .endpointOverride(LocalDynamoDb.endpoint().orElseThrow())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build();
    }
}
