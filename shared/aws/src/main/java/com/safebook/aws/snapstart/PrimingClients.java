package com.safebook.aws.snapstart;

import com.safebook.aws.config.AwsClientsModule;
import com.safebook.aws.config.Settings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * SDK clients for priming: configured as the function's own (region, endpoint, signing), but their
 * HTTP client answers every request with {@code 200 {}} from memory. A request is marshalled,
 * signed, "sent" and its answer unmarshalled, so the code of each operation is loaded and compiled,
 * while nothing reaches AWS and no credentials are resolved.
 *
 * <p>Hand-written rather than the SDK's {@code SdkWarmUp} (2.54+): that warms one operation per
 * service that SafeBook does not call (ListBackups, ListAliases), skips signing, and sends a GET to
 * STS to warm TLS, a network call at every checkpoint (five seconds where DNS does not answer).
 */
public final class PrimingClients {
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    /** Placeholders, never sent: priming signs as the function will, to load the signer. */
    private static final AwsCredentialsProvider PLACEHOLDER_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("SNAPSTARTPRIMING", "never-sent"));

    private PrimingClients() {}

    /** A client built like {@link AwsClientsModule}'s, answered from memory. Close it after priming. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Settings settings) {
        return AwsClientsModule.configured(builder, settings, new AnsweringFromMemory(), PLACEHOLDER_CREDENTIALS);
    }

    private static final class AnsweringFromMemory implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    // Read the marshalled body, as a real client streams it out.
                    request.contentStreamProvider().ifPresent(body -> drain(body.newStream()));
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder()
                                    .statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_JSON)))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public String clientName() {
            return "SnapStartPriming";
        }

        @Override
        public void close() {}

        private static void drain(InputStream body) {
            try (body) {
                body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
