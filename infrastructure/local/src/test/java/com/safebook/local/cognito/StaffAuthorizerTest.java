package com.safebook.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.safebook.core.fake.MutableClock;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import com.safebook.local.template.CloudFormationYaml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The API stand-in guarding a route with template.yaml's StaffAuthorizer, as API Gateway's Cognito authorizer
 * does, over HTTP. To see exactly what reaches a function, the stack runs a test-only template: template.yaml as
 * it is (its pool, client, groups, authorizer and gateway responses) plus {@link ClaimsEchoHandler} on
 * {@code GET /staff/claims} behind StaffAuthorizer and on a public {@code GET /claims}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffAuthorizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final DateTimeFormatter API_GATEWAY_DATE = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(START);
    private final HttpClient http = HttpClient.newHttpClient();
    private Path directory;
    private LocalStack stack;
    private StaffSignIn staff;

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        this.directory = directory;
        var options = new LocalStackOptions(
                0,
                0,
                Optional.of(directory.resolve("data")),
                Optional.of(templateWithClaimsEcho(directory.resolve("template.yaml"))),
                Optional.of(10_000.0),
                Optional.of(10_000.0),
                false,
                0,
                0);
        stack = LocalStack.start(options, clock);
        staff = StaffSignIn.of(stack, clock);
        staff.firstSignIn("ada", "staff", "admin");
    }

    @AfterAll
    void stop() {
        staff.close();
        stack.close();
        http.close();
    }

    @Test
    void staffRoute_validIdToken_reachesTheFunctionWithClaimsAsApiGatewayPassesThem() throws Exception {
        var tokens = staff.signIn("ada");
        var issued = clock.instant();

        var response = get("/staff/claims", tokens.idToken());

        assertThat(response.statusCode()).isEqualTo(200);
        var body = JSON.readTree(response.body());
        assertThat(body.path("authorizer").asBoolean()).isTrue();
        var claims = body.path("claims");
        assertThat(claims.path("token_use").asText()).isEqualTo("id");
        assertThat(claims.path("aud").asText()).isEqualTo(staff.clientId);
        assertThat(claims.path("iss").asText()).isEqualTo(staff.awsEndpointUrl + "/" + staff.userPoolId);
        assertThat(claims.path("cognito:username").asText()).isEqualTo("ada");
        // A REST API joins an array claim with commas (an HTTP API would send "[admin staff]").
        assertThat(claims.path("cognito:groups").asText()).isEqualTo("admin,staff");
        assertThat(claims.path("amr").asText()).isEqualTo("pwd,mfa");
        // Dates as in "Mon Mar 02 08:00:30 UTC 2026", epoch seconds for auth_time: every value a string.
        assertThat(claims.path("iat").asText()).isEqualTo(API_GATEWAY_DATE.format(issued));
        assertThat(claims.path("exp").asText()).isEqualTo(API_GATEWAY_DATE.format(issued.plus(Duration.ofMinutes(15))));
        assertThat(claims.path("auth_time").asText()).isEqualTo(String.valueOf(issued.getEpochSecond()));
        claims.properties().forEach(claim -> assertThat(claim.getValue().isTextual())
                .as(claim.getKey())
                .isTrue());
        assertThat(body.path("claimNames"))
                .extracting(JsonNode::asText)
                .as("the user's attributes arrive too")
                .contains("email", "email_verified");
    }

    @Test
    void staffRoute_bearerPrefix_isAcceptedAsByTheCognitoAuthorizer() throws Exception {
        var response = get("/staff/claims", "Bearer " + staff.signIn("ada").idToken());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void publicRoute_withoutToken_reachesTheFunctionWithoutAuthorizer() throws Exception {
        var response = get("/claims", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("authorizer").asBoolean())
                .isFalse();
    }

    /** Tokens API Gateway's Cognito authorizer refuses with 401, each for one reason. */
    enum Refused {
        NO_TOKEN,
        NOT_A_JWT,
        TAMPERED_PAYLOAD,
        ACCESS_TOKEN,
        EXPIRED,
        ANOTHER_AUDIENCE
    }

    @ParameterizedTest
    @EnumSource(Refused.class)
    void staffRoute_missingOrInvalidToken_isRefusedWithTheUnauthorizedProblem(Refused refused) throws Exception {
        var header = header(refused);

        var response = get("/staff/claims", header);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        var problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:safebook:problem:unauthorized");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("requestId").asText())
                .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(problem.has("claims")).as("the function was not called").isFalse();
        if (header != null) {
            assertThat(response.body()).doesNotContain(header);
        }
    }

    private String header(Refused refused) throws Exception {
        return switch (refused) {
            case NO_TOKEN -> null;
            case NOT_A_JWT -> "not-a-token";
            case TAMPERED_PAYLOAD -> {
                var parts = staff.signIn("ada").idToken().split("\\.");
                var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"cognito:groups\":[\"admin\",\"staff\"]", "\"cognito:groups\":[\"root\"]");
                yield parts[0] + "."
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                        + "." + parts[2];
            }
            case ACCESS_TOKEN -> staff.signIn("ada").accessToken();
            case EXPIRED -> {
                var idToken = staff.signIn("ada").idToken();
                clock.advance(Duration.ofMinutes(15));
                yield idToken;
            }
            case ANOTHER_AUDIENCE -> {
                // Signed with the pool's own key (from its data directory) for a client the pool does not have.
                var claims = SignedJWT.parse(staff.signIn("ada").idToken()).getJWTClaimsSet();
                var pool = JSON.readTree(Files.readString(directory.resolve("data/cognito/pool.json")));
                yield CognitoSigningKey.fromPrivateJwk(pool.path("signingKey").asText())
                        .sign(new JWTClaimsSet.Builder(claims)
                                .audience("0123456789abcdefghijklmnop")
                                .build());
            }
        };
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** template.yaml with the echo function added; written in CloudFormation's long form, which reads the same. */
    private static Path templateWithClaimsEcho(Path file) throws Exception {
        JsonNode template;
        try (var in = Files.newInputStream(Path.of("../../template.yaml"))) {
            template = CloudFormationYaml.read(in);
        }
        var function = ((ObjectNode) template.path("Resources")).putObject("ClaimsEchoFunction");
        function.put("Type", "AWS::Serverless::Function");
        var properties = function.putObject("Properties");
        properties.put("Handler", ClaimsEchoHandler.class.getName() + "::handleRequest");
        var events = properties.putObject("Events");
        var staffEvent = events.putObject("StaffClaims").put("Type", "Api").putObject("Properties");
        staffEvent.putObject("RestApiId").put("Ref", "Api");
        staffEvent.put("Path", "/staff/claims").put("Method", "get");
        staffEvent.putObject("Auth").put("Authorizer", "StaffAuthorizer");
        var publicEvent = events.putObject("PublicClaims").put("Type", "Api").putObject("Properties");
        publicEvent.putObject("RestApiId").put("Ref", "Api");
        publicEvent.put("Path", "/claims").put("Method", "get");
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), template);
        return file;
    }
}
