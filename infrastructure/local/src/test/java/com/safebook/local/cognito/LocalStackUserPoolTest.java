package com.safebook.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.safebook.core.fake.MutableClock;
import com.safebook.local.LocalStack;
import com.safebook.local.LocalStackOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;

/** The local stack's user pool, made from template.yaml and driven through the stack's AWS endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackUserPoolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;
    private StaffSignIn staff;

    @BeforeAll
    void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.ephemeral().withTemplate(Path.of("../../template.yaml")), clock);
        staff = StaffSignIn.of(stack, clock);
    }

    @AfterAll
    void stop() {
        staff.close();
        stack.close();
        http.close();
    }

    @Test
    void localConfig_namesThePoolMadeFromTheTemplate() throws Exception {
        var config = get(stack.apiUrl() + "/local/config");
        var poolId = config.path("userPoolId").asText();
        var clientId = config.path("userPoolClientId").asText();

        assertThat(poolId).matches("us-east-1_[A-Za-z0-9]{9}");
        assertThat(config.path("awsEndpointUrl").asText()).isEqualTo(stack.awsEndpointUrl());
        var pools = staff.client.listUserPools(r -> r.maxResults(10)).userPools();
        assertThat(pools).singleElement().satisfies(pool -> {
            assertThat(pool.id()).isEqualTo(poolId);
            assertThat(pool.name()).isEqualTo("safebook-local-staff");
        });
        var pool = staff.client.describeUserPool(r -> r.userPoolId(poolId)).userPool();
        assertThat(pool.mfaConfiguration()).isEqualTo(UserPoolMfaType.ON);
        assertThat(pool.policies().passwordPolicy().minimumLength()).isEqualTo(12);
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isTrue();
        var client = staff.client
                .describeUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId))
                .userPoolClient();
        assertThat(client.clientName()).isEqualTo("safebook-local-dashboard");
        assertThat(client.accessTokenValidity()).isEqualTo(15);
        assertThat(staff.client.listGroups(r -> r.userPoolId(poolId)).groups())
                .extracting(GroupType::groupName)
                .containsExactlyInAnyOrder("admin", "auditor", "staff");
    }

    @Test
    void awsEndpoint_servesThePoolsJwksAtCognitosPath() throws Exception {
        var found = http.send(
                HttpRequest.newBuilder(
                                URI.create(stack.awsEndpointUrl() + "/" + staff.userPoolId + "/.well-known/jwks.json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var other = http.send(
                HttpRequest.newBuilder(
                                URI.create(stack.awsEndpointUrl() + "/us-east-1_AAAAAAAAA/.well-known/jwks.json"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JWKSet.parse(found.body()).getKeys()).singleElement().satisfies(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
        });
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void firstSignIn_ofAnAdministrator_goesThroughNewPasswordAndTotpSetupThenTotp() throws Exception {
        var first = staff.firstSignIn("grace.admin", "admin");
        var later = staff.signIn("grace.admin");

        for (var tokens : List.of(first, later)) {
            var idToken = SignedJWT.parse(tokens.idToken());
            var jwks = JWKSet.parse(http.send(
                            HttpRequest.newBuilder(URI.create(
                                            stack.awsEndpointUrl() + "/" + staff.userPoolId + "/.well-known/jwks.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            var key = (RSAKey) jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
            assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
            var claims = idToken.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(stack.awsEndpointUrl() + "/" + staff.userPoolId);
            assertThat(claims.getAudience()).containsExactly(staff.clientId);
            assertThat(claims.getStringClaim("token_use")).isEqualTo("id");
            assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("admin");
            assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "mfa");
            assertThat(tokens.refreshToken()).isNotBlank();
        }
    }

    private JsonNode get(String url) throws Exception {
        return JSON.readTree(
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
    }
}
