package com.safebook.aws.config;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SDK clients, built once per execution environment: region from the settings, credentials
 * from the environment (Lambda puts them there; the local stack sets system properties), the
 * URL-connection HTTP client (smallest and fastest to start), and the endpoint override when one
 * is configured (the local stack, LocalStack).
 */
@Module
public final class AwsClientsModule {
    private AwsClientsModule() {}

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(Settings settings) {
        return configured(DynamoDbClient.builder(), settings);
    }

    /** Every client alike: region, credentials, HTTP client, endpoint override. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(
            B builder, Settings settings) {
        builder.region(Region.of(settings.region()))
                .credentialsProvider(AwsCredentialsProviderChain.of(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()))
                .httpClient(UrlConnectionHttpClient.create());
        settings.awsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Provides
    @Singleton
    static DynamoDbEnhancedClient dynamoDbEnhanced(DynamoDbClient dynamoDb) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
    }
}
