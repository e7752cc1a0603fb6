package com.safebook.local.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.local.cognito.ClaimsEchoHandler;
import com.safebook.local.template.ApiThrottling;
import com.safebook.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiGatewayStandInTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A stage throttled to a burst of 5 at 1 request a second, with one method narrowed to a burst of 2;
     * written as template.yaml writes it (parameters, {@code ~1} in a method setting's resource path).
     */
    private static final String THROTTLED_API = """
            Parameters:
              RateLimit: {Type: Number, Default: 1}
              BurstLimit: {Type: Number, Default: 5}
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  MethodSettings:
                    - ResourcePath: "/*"
                      HttpMethod: "*"
                      ThrottlingRateLimit: !Ref RateLimit
                      ThrottlingBurstLimit: !Ref BurstLimit
                    - ResourcePath: "/~1narrow~1{id}"
                      HttpMethod: GET
                      ThrottlingBurstLimit: 2
                  GatewayResponses:
                    THROTTLED:
                      StatusCode: "429"
                      ResponseParameters:
                        Headers:
                          Content-Type: "'application/problem+json'"
                          Retry-After: "'1'"
                      ResponseTemplates:
                        application/json: '{"type":"urn:test:throttled","status":429,"requestId":"$context.requestId"}'
              Echo:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: %s::handleRequest
                  Events:
                    Wide: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /wide, Method: get}}
                    Other: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /other, Method: get}}
                    Narrow: {Type: Api, Properties: {RestApiId: !Ref Api, Path: "/narrow/{id}", Method: get}}
            """.formatted(ClaimsEchoHandler.class.getName());

    /** A route the stand-in cannot guard must not be served unguarded. */
    @ParameterizedTest
    @CsvSource({"LambdaAuthorizer", "UndeclaredAuthorizer", "StaffAuthorizer"})
    void constructor_routeWithAnAuthorizerItCannotRun_isRefused(String authorizer) throws Exception {
        var yaml = """
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      Auth:
                        Authorizers:
                          LambdaAuthorizer:
                            FunctionArn: arn:aws:lambda:us-east-1:000000000000:function:authorize
                          StaffAuthorizer:
                            UserPoolArn: !GetAtt Pool.Arn
                  Staff:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler::handleRequest
                      Events:
                        Bookings:
                          Type: Api
                          Properties: {RestApiId: !Ref Api, Path: /staff/bookings, Method: get, Auth: {Authorizer: %s}}
                """.formatted(authorizer);
        var template = template(yaml);

        // No verifiers: the stack runs no pool, so not even StaffAuthorizer can be checked.
        assertThatThrownBy(() -> new ApiGatewayStandIn("127.0.0.1", 0, template, template.throttling(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /staff/bookings")
                .hasMessageContaining(authorizer);
    }

    @Test
    void throttling_methodSettings_areReadWithTheirParametersPerMethod() throws IOException {
        var throttling = template(THROTTLED_API).throttling();

        assertThat(throttling.stageDefault()).isEqualTo(new ApiThrottling.Limits(1, 5));
        assertThat(throttling.of("GET", "/wide")).isEqualTo(new ApiThrottling.Limits(1, 5));
        assertThat(throttling.of("GET", "/narrow/{id}"))
                .as("its own burst, the stage's rate")
                .isEqualTo(new ApiThrottling.Limits(1, 2));
        assertThat(throttling.of("POST", "/narrow/{id}")).isEqualTo(new ApiThrottling.Limits(1, 5));
    }

    @Test
    void throttling_noMethodSettings_isTheAccountsDefault() throws IOException {
        var throttling = template("""
                        Resources:
                          Api: {Type: AWS::Serverless::Api, Properties: {StageName: dev}}
                        """).throttling();

        assertThat(throttling.of("GET", "/anything")).isEqualTo(ApiThrottling.ACCOUNT_DEFAULT);
    }

    /**
     * A burst above a method's limit: the method's own bucket, as the template sets it, lets the burst
     * through and answers the rest with the template's THROTTLED response (never a 5xx); other methods
     * keep buckets of their own, as API Gateway throttles a stage per method.
     */
    @Test
    void exchange_burstAboveAMethodsLimit_isThe429OfTheTemplateAndOtherMethodsKeepTheirOwnBuckets() throws Exception {
        var template = template(THROTTLED_API);
        try (var standIn = new ApiGatewayStandIn("127.0.0.1", 0, template, template.throttling(), Map.of());
                var http = HttpClient.newHttpClient()) {
            standIn.start();

            long started = System.nanoTime();
            var wide = burst(http, standIn.url() + "/wide", 12);
            double seconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            var narrow = burst(http, standIn.url() + "/narrow/x", 6);
            double narrowSeconds = (System.nanoTime() - started) / 1e9;
            var other = get(http, standIn.url() + "/other");

            var admitted = statuses(wide, 200);
            assertThat(admitted)
                    .as("the burst of 5, and what 1 a second refilled in %.2f s", seconds)
                    .isBetween(5, 5 + (int) Math.ceil(seconds));
            assertThat(statuses(wide, 429)).isEqualTo(12 - admitted);
            assertThat(statuses(narrow, 200))
                    .as("the narrowed method's burst of 2, and what refilled in %.2f s", narrowSeconds)
                    .isBetween(2, 2 + (int) Math.ceil(narrowSeconds));
            assertThat(statuses(narrow, 429)).isEqualTo(6 - statuses(narrow, 200));
            assertThat(other.statusCode())
                    .as("a method of its own, not throttled")
                    .isEqualTo(200);
            var throttled = new ArrayList<HttpResponse<String>>(wide);
            throttled.addAll(narrow);
            assertThat(throttled)
                    .filteredOn(r -> r.statusCode() == 429)
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
                        assertThat(r.headers().firstValue("Retry-After")).contains("1");
                        var problem = JSON.readTree(r.body());
                        assertThat(problem.path("type").asText()).isEqualTo("urn:test:throttled");
                        assertThat(problem.path("requestId").asText())
                                .isEqualTo(r.headers()
                                        .firstValue("x-amzn-RequestId")
                                        .orElseThrow());
                    });
        }
    }

    private static List<HttpResponse<String>> burst(HttpClient http, String url, int requests) {
        var sent = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < requests; i++) {
            sent.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int statuses(List<HttpResponse<String>> responses, int status) {
        return (int) responses.stream().filter(r -> r.statusCode() == status).count();
    }

    private static SamTemplate template(String yaml) throws IOException {
        return SamTemplate.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), Map.of());
    }
}
