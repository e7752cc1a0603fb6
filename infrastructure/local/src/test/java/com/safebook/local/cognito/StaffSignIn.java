package com.safebook.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.core.fake.MutableClock;
import com.safebook.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

/**
 * Staff users of a running local stack's user pool, made as an administrator makes them and signed in as the
 * dashboard signs them in, with the real SDK client against the stack's AWS endpoint. The pool and its
 * client come from {@code GET /local/config}; TOTP codes are an authenticator app's at the stack's clock.
 */
public final class StaffSignIn implements AutoCloseable {
    static final String TEMPORARY_PASSWORD = "Temporary-Pass-1";
    static final String PASSWORD = "Correct-Horse-Battery-9";

    final CognitoIdentityProviderClient client;
    final String awsEndpointUrl;
    final String userPoolId;
    final String clientId;
    private final MutableClock clock;
    private final Map<String, byte[]> totpSecrets = new HashMap<>();

    private StaffSignIn(String awsEndpointUrl, String userPoolId, String clientId, MutableClock clock) {
        this.awsEndpointUrl = awsEndpointUrl;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
        this.clock = clock;
        this.client = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(awsEndpointUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** For the stack's pool, as its {@code /local/config} names it; {@code clock} is the stack's. */
    public static StaffSignIn of(LocalStack stack, MutableClock clock) throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            var config = new ObjectMapper()
                    .readTree(http.send(
                                    HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/local/config"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            return new StaffSignIn(
                    config.path("awsEndpointUrl").asText(),
                    config.path("userPoolId").asText(),
                    config.path("userPoolClientId").asText(),
                    clock);
        }
    }

    /** For a pool served at {@code awsEndpointUrl} that is not a stack's own, such as a second pool of a test. */
    public static StaffSignIn at(String awsEndpointUrl, String userPoolId, String clientId, MutableClock clock) {
        return new StaffSignIn(awsEndpointUrl, userPoolId, clientId, clock);
    }

    /**
     * Creates the user with a temporary password in {@code groups}, as an administrator does, then walks its
     * first sign-in: NEW_PASSWORD_REQUIRED, then MFA_SETUP with an authenticator app, then tokens.
     */
    public AuthenticationResultType firstSignIn(String username, String... groups) {
        client.adminCreateUser(r -> r.userPoolId(userPoolId)
                .username(username)
                .temporaryPassword(TEMPORARY_PASSWORD)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                        AttributeType.builder()
                                .name("email")
                                .value(username + "@example.test")
                                .build(),
                        AttributeType.builder()
                                .name("email_verified")
                                .value("true")
                                .build()));
        for (var group : groups) {
            client.adminAddUserToGroup(
                    r -> r.userPoolId(userPoolId).username(username).groupName(group));
        }

        var first = passwordSignIn(username, TEMPORARY_PASSWORD);
        assertThat(first.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        var setup = client.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(first.session())
                .challengeResponses(Map.of("USERNAME", username, "NEW_PASSWORD", PASSWORD)));
        assertThat(setup.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);

        var association = client.associateSoftwareToken(r -> r.session(setup.session()));
        var secret = Base32.decode(association.secretCode());
        var verified =
                client.verifySoftwareToken(r -> r.session(association.session()).userCode(totp(secret)));
        assertThat(verified.status()).isEqualTo(VerifySoftwareTokenResponseType.SUCCESS);
        var done = client.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.MFA_SETUP)
                .session(verified.session())
                .challengeResponses(Map.of("USERNAME", username)));
        assertThat(done.challengeName()).isNull();
        totpSecrets.put(username, secret);
        return done.authenticationResult();
    }

    /** A later sign-in: password, then SOFTWARE_TOKEN_MFA with a code of the next time step. */
    public AuthenticationResultType signIn(String username) {
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        var challenge = passwordSignIn(username, PASSWORD);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        var done = client.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .session(challenge.session())
                .challengeResponses(
                        Map.of("USERNAME", username, "SOFTWARE_TOKEN_MFA_CODE", totp(totpSecrets.get(username)))));
        return done.authenticationResult();
    }

    private InitiateAuthResponse passwordSignIn(String username, String password) {
        return client.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    private String totp(byte[] secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

    @Override
    public void close() {
        client.close();
    }
}
