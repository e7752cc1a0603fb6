package com.safebook.aws.config;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The KMS client, for the functions that encrypt, decrypt or sign, and only those: the SDK's KMS
 * module is an optional dependency of the adapters, so the consent and retention jars do without it.
 */
@Module
public final class KmsClientModule {
    private KmsClientModule() {}

    @Provides
    @Singleton
    static KmsClient kms(Settings settings, SdkHttpClient http, AwsCredentialsProvider credentials) {
        return AwsClientsModule.configured(KmsClient.builder(), settings, http, credentials);
    }
}
