package com.safebook.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB Local stopped and started again: on disk, every committed item is still there. */
class DynamoDbLocalServerTest {

    @Test
    void restart_onDisk_keepsCommittedItemsOnTheSamePort(@TempDir Path data) throws Exception {
        try (var server = DynamoDbLocalServer.start(Optional.of(data));
                var client = client(server.endpoint())) {
            client.createTable(r -> r.tableName("Kept")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            client.putItem(r -> r.tableName("Kept").item(Map.of("pk", AttributeValue.fromS("before"))));

            var restarting = Thread.ofVirtual().start(() -> {
                try {
                    server.restart(Duration.ofMillis(500));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            // While it is down nothing answers (no SDK retries here).
            assertThatThrownBy(() ->
                            client.getItem(r -> r.tableName("Kept").key(Map.of("pk", AttributeValue.fromS("before")))))
                    .isInstanceOf(SdkClientException.class);
            restarting.join();

            var item = client.getItem(r -> r.tableName("Kept")
                    .key(Map.of("pk", AttributeValue.fromS("before")))
                    .consistentRead(true));
            assertThat(item.item()).containsEntry("pk", AttributeValue.fromS("before"));
        }
    }

    @Test
    void restart_inMemory_isRefusedRatherThanLosingEverything() throws Exception {
        try (var server = DynamoDbLocalServer.start(Optional.empty())) {
            assertThatThrownBy(() -> server.restart(Duration.ZERO))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("data directory");
        }
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
