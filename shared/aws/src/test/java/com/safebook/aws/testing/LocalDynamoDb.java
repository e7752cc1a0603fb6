package com.safebook.aws.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB that adapter tests talk to: DynamoDB Local in this JVM on a free port, started once
 * per test run, or, when {@code SAFEBOOK_IT_DYNAMODB_ENDPOINT} (or {@code AWS_ENDPOINT_URL}) is
 * set, that endpoint (LocalStack), or a real account when {@code SAFEBOOK_IT_REAL_AWS=true}. Every
 * test class gets tables of its own, so data already there does no harm.
 */
public final class LocalDynamoDb {
    private static DynamoDbClient client;
    private static String endpoint;

    private LocalDynamoDb() {}

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            var env = System.getenv();
            var builder = DynamoDbClient.builder()
                    .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                    .httpClient(UrlConnectionHttpClient.create());
            if ("true".equals(env.get("SAFEBOOK_IT_REAL_AWS"))) {
                builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
            } else {
                endpoint = Optional.ofNullable(env.get("SAFEBOOK_IT_DYNAMODB_ENDPOINT"))
                        .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")))
                        .orElseGet(LocalDynamoDb::startInProcess);
                builder.endpointOverride(URI.create(endpoint))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
            }
            client = builder.build();
        }
        return client;
    }

    /**
     * Creates a bookings table, an audit table, a keys table and an audit digests table shaped as in
     * template.yaml; returns their names under the keys {@code bookings}, {@code audit}, {@code keys}
     * and {@code auditDigests}.
     */
    public static Map<String, String> createTables(String prefix) {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var bookings = prefix + "-bookings-" + suffix;
        var audit = prefix + "-audit-" + suffix;
        var keys = prefix + "-keys-" + suffix;
        var digests = prefix + "-digests-" + suffix;
        var dynamoDb = client();
        dynamoDb.createTable(r -> r.tableName(bookings)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string("pk"),
                        string("sk"),
                        string("gsi1pk"),
                        string("gsi1sk"),
                        string("gsi2pk"),
                        string("gsi2sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder()
                                .indexName("byDay")
                                .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName("bySubject")
                                .keySchema(key("gsi2pk", KeyType.HASH), key("gsi2sk", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                                .build()));
        dynamoDb.createTable(r -> r.tableName(audit)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("pk"), string("sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        dynamoDb.createTable(r -> r.tableName(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("pk"))
                .keySchema(key("pk", KeyType.HASH)));
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(bookings));
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(audit));
        dynamoDb.createTable(r -> r.tableName(digests)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("pk"), string("sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(keys));
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(digests));
        return Map.of("bookings", bookings, "audit", audit, "keys", keys, "auditDigests", digests);
    }

    public static Optional<URI> endpoint() {
        client();
        return Optional.ofNullable(endpoint).map(URI::create);
    }

    private static String startInProcess() {
        try {
            int port;
            try (var socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                port = socket.getLocalPort();
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // The JVM is exiting; nothing is left to clean.
                }
            }));
            return "http://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new IllegalStateException("No free port for DynamoDB Local", e);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
