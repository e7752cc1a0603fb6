package com.safebook.local.cognito;

import static com.safebook.local.cognito.CognitoTestPool.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.core.fake.MutableClock;
import com.safebook.local.cognito.CognitoTestPool.EnrolledUser;
import com.safebook.local.cognito.CognitoTokenVerifier.Accepted;
import com.safebook.local.cognito.CognitoTokenVerifier.Rejected;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CognitoTokenVerifierTest {
    @TempDir
    Path dataDir;

    private CognitoTestPool pool;
    private EnrolledUser alice;

    @BeforeEach
    void signInAlice() {
        var config = UserPoolConfig.builder()
                .appClients(List.of("dashboard", "kiosk"))
                .build();
        pool = new CognitoTestPool(config, Optional.of(dataDir), new MutableClock(START));
        alice = pool.enrolledUser("alice");
        pool.client.adminAddUserToGroup(
                r -> r.userPoolId(pool.poolId()).username("alice").groupName("staff"));
    }

    @AfterEach
    void stopPool() {
        pool.close();
    }

    @Test
    void verify_validIdToken_returnsClaimsAsApiGatewayPassesThem() {
        var refreshed = pool.client
                .initiateAuth(r -> r.clientId(pool.clientId())
                        .authFlow("REFRESH_TOKEN_AUTH")
                        .authParameters(Map.of("REFRESH_TOKEN", alice.tokens().refreshToken())))
                .authenticationResult();

        var result = pool.verifier().verify(refreshed.idToken());

        assertThat(result).isInstanceOf(Accepted.class);
        var claims = ((Accepted) result).claims();
        assertThat(claims)
                .containsEntry("token_use", "id")
                .containsEntry("cognito:username", "alice")
                .containsEntry("cognito:groups", "staff")
                .containsEntry("email", "alice@example.test")
                .containsEntry("email_verified", "true")
                .containsEntry("aud", pool.clientId())
                .containsEntry("amr", "pwd,mfa")
                .containsKeys("sub", "origin_jti", "jti", "event_id");
        assertThat(claims.get("auth_time")).isEqualTo(String.valueOf(START.getEpochSecond()));
        assertThat(claims.get("iat")).isEqualTo("Mon Mar 02 08:00:00 UTC 2026");
        assertThat(claims.get("exp")).isEqualTo("Mon Mar 02 08:15:00 UTC 2026");
    }

    @Test
    void verify_bearerPrefix_isAccepted() {
        assertThat(pool.verifier().verify("Bearer " + alice.tokens().idToken())).isInstanceOf(Accepted.class);
    }

    @Test
    void verify_tamperedPayload_isRejected() {
        var parts = alice.tokens().idToken().split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"cognito:username\":\"alice\"", "\"cognito:username\":\"admin\"");
        var tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        assertThat(pool.verifier().verify(tampered)).isEqualTo(new Rejected("bad signature"));
    }

    @Test
    void verify_unsignedToken_isRejected() {
        var parts = alice.tokens().idToken().split("\\.");
        var none = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(pool.verifier().verify(none + "." + parts[1] + ".")).isInstanceOf(Rejected.class);
    }

    @Test
    void verify_expiredToken_isRejected() {
        var verifier = pool.verifier();
        pool.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(verifier.verify(alice.tokens().idToken())).isInstanceOf(Accepted.class);

        pool.clock.advance(Duration.ofSeconds(1));
        assertThat(verifier.verify(alice.tokens().idToken())).isEqualTo(new Rejected("expired"));
    }

    @Test
    void verify_sameKeyButForeignIssuer_isRejected() {
        // A second emulator on the same data directory has the same key and pool id, but another URL.
        try (var foreign = new CognitoTestPool(pool.cognito.config(), Optional.of(dataDir), pool.clock)) {
            var foreignTokens = foreign.signInWithMfa(alice);

            assertThat(foreign.cognito.userPoolId()).isEqualTo(pool.poolId());
            assertThat(pool.verifier().verify(foreignTokens.idToken())).isEqualTo(new Rejected("wrong issuer"));
        }
    }

    @Test
    void verify_tokenOfAnotherPool_isRejected() {
        try (var other = CognitoTestPool.withDefaults()) {
            var bob = other.enrolledUser("bob");

            assertThat(pool.verifier().verify(bob.tokens().idToken())).isEqualTo(new Rejected("unknown signing key"));
        }
    }

    @Test
    void verify_tokenForAnotherAppClient_isRejected() {
        var kiosk = pool.cognito.clientId("kiosk");
        pool.clock.advance(Duration.ofSeconds(30));
        var challenge = pool.client.initiateAuth(r -> r.clientId(kiosk)
                .authFlow("USER_PASSWORD_AUTH")
                .authParameters(Map.of("USERNAME", "alice", "PASSWORD", CognitoTestPool.PASSWORD)));
        var kioskTokens = pool.client
                .respondToAuthChallenge(r -> r.clientId(kiosk)
                        .challengeName("SOFTWARE_TOKEN_MFA")
                        .session(challenge.session())
                        .challengeResponses(
                                Map.of("USERNAME", "alice", "SOFTWARE_TOKEN_MFA_CODE", pool.totp(alice.totpSecret()))))
                .authenticationResult();
        var dashboardOnly = new CognitoTokenVerifier(pool.cognito, Set.of(pool.clientId()), pool.clock);

        assertThat(dashboardOnly.verify(kioskTokens.idToken()))
                .isEqualTo(new Rejected("audience is not an allowed app client"));
        assertThat(dashboardOnly.verify(alice.tokens().idToken())).isInstanceOf(Accepted.class);
        assertThat(pool.verifier().verify(kioskTokens.idToken())).isInstanceOf(Accepted.class);
    }

    @Test
    void verify_accessToken_isRejected() {
        assertThat(pool.verifier().verify(alice.tokens().accessToken())).isEqualTo(new Rejected("not an id token"));
    }

    @Test
    void verify_missingOrMalformedHeader_isRejected() {
        var verifier = pool.verifier();

        assertThat(verifier.verify(null)).isInstanceOf(Rejected.class);
        assertThat(verifier.verify("")).isInstanceOf(Rejected.class);
        assertThat(verifier.verify("Bearer")).isInstanceOf(Rejected.class);
        assertThat(verifier.verify("Basic YWxpY2U6c2VjcmV0")).isEqualTo(new Rejected("not a signed JWT"));
    }

    @Test
    void verify_afterGlobalSignOut_isRejected() {
        pool.client.globalSignOut(r -> r.accessToken(alice.tokens().accessToken()));

        assertThat(pool.verifier().verify(alice.tokens().idToken())).isEqualTo(new Rejected("revoked"));
    }
}
