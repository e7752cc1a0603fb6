package com.safebook.aws.config;

import com.safebook.http.BufferedUrlConnectionHttpClient;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SDK clients, built once per execution environment: region from the settings, explicit
 * credentials and one URL-connection HTTP client shared by every client (smallest and fastest to
 * start; one TLS context, not one per client; sending each request from a buffer, see {@link
 * BufferedUrlConnectionHttpClient}), and the endpoint override when one is configured
 * (the local stack, LocalStack). Nothing here calls AWS: credentials are first resolved by the
 * first request, so no SnapStart snapshot holds them.
 */
@Module
public final class AwsClientsModule {
    private AwsClientsModule() {}

    @Provides
    @Singleton
    static SdkHttpClient httpClient() {
        return BufferedUrlConnectionHttpClient.create();
    }

    /**
     * Lambda puts the function's credentials in the environment, except with SnapStart, where the
     * Java runtime serves them from the container endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI});
     * the local stack sets system properties. Not the SDK's default chain: it would also look for
     * profile files, web identity and the instance metadata service, none of which Lambda has.
     */
    @Provides
    @Singleton
    static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create(),
                ContainerCredentialsProvider.create());
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(Settings settings, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return configured(DynamoDbClient.builder(), settings, http, credentials);
    }

    /** Every client alike: region, credentials, HTTP client, endpoint override (SnapStart priming's too). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(
            B builder, Settings settings, SdkHttpClient http, AwsCredentialsProvider credentials) {
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .httpClient(http);
        settings.awsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Provides
    @Singleton
    static DynamoDbEnhancedClient dynamoDbEnhanced(DynamoDbClient dynamoDb) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
    }
}
