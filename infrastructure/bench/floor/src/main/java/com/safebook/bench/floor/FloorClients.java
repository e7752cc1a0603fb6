package com.safebook.bench.floor;

import com.safebook.http.BufferedUrlConnectionHttpClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client built as the functions build theirs ({@code AwsClientsModule}): region from the
 * environment, environment credentials and the URL-connection HTTP client, sending from a buffer as
 * theirs does ({@code BufferedUrlConnectionHttpClient}, a module of its own for this). The SDK's own settings
 * reader stands in for {@code Settings}, which would bring the whole shared module into the floor; the
 * SDK reads {@code AWS_ENDPOINT_URL} by itself, where the functions pass the same value explicitly.
 */
final class FloorClients {
    private FloorClients() {}

    static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .region(Region.of(SdkSystemSetting.AWS_REGION.getStringValueOrThrow()))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()))
                .httpClient(BufferedUrlConnectionHttpClient.create())
                .build();
    }
}
