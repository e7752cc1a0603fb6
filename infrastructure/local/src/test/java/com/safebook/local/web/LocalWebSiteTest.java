package com.safebook.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages as the local stack serves them: files from the jar, config.json, CloudFront's headers, CORS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalWebSiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.ephemeral());
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/manage.html", "/dashboard/", "/booking.js", "/dashboard/dashboard.js", "/style.css"})
    void get_aPage_servesItWithTheSecurityHeaders(String path) throws Exception {
        var response = get(stack.webUrl() + path);

        assertThat(response.statusCode()).isEqualTo(200);
        var headers = response.headers();
        assertThat(headers.firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).contains("max-age=63072000"));
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'")
                .contains("script-src 'self';")
                .contains("frame-ancestors 'none'")
                .contains("connect-src 'self' " + stack.apiUrl() + " " + stack.awsEndpointUrl() + ";")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval"));
    }

    @Test
    void get_theDashboardWithoutSlash_redirectsToIt() throws Exception {
        var response = get(stack.webUrl() + "/dashboard");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/dashboard/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nothing.html", "/../template.yaml", "/%2e%2e/template.yaml", "/web/index.html"})
    void get_aPathOutsideTheSite_is404(String path) throws Exception {
        assertThat(get(stack.webUrl() + path).statusCode()).isEqualTo(404);
    }

    @Test
    void configJson_namesTheApiAndTheUserPool() throws Exception {
        var config = JSON.readTree(get(stack.webUrl() + "/config.json").body());

        assertThat(config.path("apiUrl").asText()).isEqualTo(stack.apiUrl());
        assertThat(config.path("cognitoEndpoint").asText()).isEqualTo(stack.awsEndpointUrl() + "/");
        assertThat(config.path("region").asText()).isEqualTo("us-east-1");
        assertThat(config.path("userPoolId").asText()).startsWith("us-east-1_");
        assertThat(config.path("userPoolClientId").asText()).isNotBlank();
    }

    @Test
    void localConfig_addsTheWebUrl() throws Exception {
        var config = JSON.readTree(get(stack.apiUrl() + "/local/config").body());

        assertThat(config.path("webUrl").asText()).isEqualTo(stack.webUrl());
    }

    @Test
    void api_preflightFromTheSite_isAllowed() throws Exception {
        var response = preflight(stack.apiUrl() + "/bookings", stack.webUrl(), "POST");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(stack.webUrl());
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("Idempotency-Key").contains("Authorization"));
    }

    @Test
    void api_fromAnotherOrigin_carriesNoCorsHeader() throws Exception {
        var preflight = preflight(stack.apiUrl() + "/bookings", "https://evil.example", "POST");
        var get = http.send(
                HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/services"))
                        .header("Origin", "https://evil.example")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void api_answerToTheSite_namesItsOrigin() throws Exception {
        var get = http.send(
                HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/services"))
                        .header("Origin", stack.webUrl())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(get.headers().allValues("Access-Control-Allow-Origin")).containsExactly(stack.webUrl());
    }

    @Test
    void awsEndpoint_preflightFromTheSite_allowsTheCognitoCall() throws Exception {
        var allowed = preflight(stack.awsEndpointUrl() + "/", stack.webUrl(), "POST");
        var refused = preflight(stack.awsEndpointUrl() + "/", "https://evil.example", "POST");

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(stack.webUrl());
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(v -> assertThat(v).contains("X-Amz-Target"));
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> preflight(String url, String origin, String method) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", method)
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
