package com.safebook.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.core.fake.MutableClock;
import com.safebook.local.aws.AwsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 * A {@link LocalCognito} behind the local stack's {@link AwsEndpoint}, driven by the real SDK client, with a clock the
 * test moves. Builds users the way an administrator and the dashboard would.
 */
final class CognitoTestPool implements AutoCloseable {
    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    static final String TEMPORARY_PASSWORD = "Temporary-Pass-1";
    static final String PASSWORD = "Correct-Horse-Battery-9";

    /** A user who finished the first sign-in: the TOTP secret and the tokens it gave. */
    record EnrolledUser(String username, byte[] totpSecret, AuthenticationResultType tokens) {}

    final MutableClock clock;
    final AwsEndpoint endpoint;
    final LocalCognito cognito;
    final CognitoIdentityProviderClient client;

    CognitoTestPool(UserPoolConfig config, Optional<Path> dataDir, MutableClock clock) {
        this.clock = clock;
        try {
            this.endpoint = AwsEndpoint.serving();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.cognito = new LocalCognito(config, "us-east-1", endpoint.uri().toString(), dataDir, clock);
        endpoint.register(cognito).registerPath(cognito::jwksAt);
        this.client = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static CognitoTestPool withDefaults() {
        return new CognitoTestPool(UserPoolConfig.defaults(), Optional.empty(), new MutableClock(START));
    }

    String poolId() {
        return cognito.userPoolId();
    }

    String clientId() {
        return cognito.clientId("dashboard");
    }

    void createUser(String username) {
        client.adminCreateUser(r -> r.userPoolId(poolId())
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
    }

    /** A user with a permanent password and no MFA yet. */
    void createConfirmedUser(String username) {
        createUser(username);
        client.adminSetUserPassword(r ->
                r.userPoolId(poolId()).username(username).password(PASSWORD).permanent(true));
    }

    InitiateAuthResponse signIn(String username, String password) {
        return client.initiateAuth(r -> r.clientId(clientId())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    /** A confirmed user through MFA_SETUP: associate, verify a code, finish. */
    EnrolledUser enrolledUser(String username) {
        createConfirmedUser(username);
        var setup = signIn(username, PASSWORD);
        assertThat(setup.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
        var association = client.associateSoftwareToken(r -> r.session(setup.session()));
        var secret = Base32.decode(association.secretCode());
        var verified =
                client.verifySoftwareToken(r -> r.session(association.session()).userCode(totp(secret)));
        assertThat(verified.status()).isEqualTo(VerifySoftwareTokenResponseType.SUCCESS);
        var done = client.respondToAuthChallenge(r -> r.clientId(clientId())
                .challengeName(ChallengeNameType.MFA_SETUP)
                .session(verified.session())
                .challengeResponses(Map.of("USERNAME", username)));
        return new EnrolledUser(username, secret, done.authenticationResult());
    }

    /** A later sign-in with password and TOTP, in the next time step so that the code is fresh. */
    AuthenticationResultType signInWithMfa(EnrolledUser user) {
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        var challenge = signIn(user.username(), PASSWORD);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
        return client.respondToAuthChallenge(r -> r.clientId(clientId())
                        .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                        .session(challenge.session())
                        .challengeResponses(Map.of(
                                "USERNAME", user.username(), "SOFTWARE_TOKEN_MFA_CODE", totp(user.totpSecret()))))
                .authenticationResult();
    }

    /** The code an authenticator app shows now. */
    String totp(byte[] secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

    CognitoTokenVerifier verifier() {
        return new CognitoTokenVerifier(cognito, clock);
    }

    @Override
    public void close() {
        client.close();
        endpoint.close();
    }
}
