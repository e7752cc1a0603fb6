package com.safebook.local.cognito;

import static com.safebook.local.cognito.CognitoTestPool.PASSWORD;
import static com.safebook.local.cognito.CognitoTestPool.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.fake.MutableClock;
import com.safebook.local.cognito.CognitoTokenVerifier.Accepted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

class LocalCognitoPersistenceTest {
    @TempDir
    Path dataDir;

    @Test
    void restart_sameDataDir_keepsIdsKeysUsersGroupsAndSignIns() {
        var clock = new MutableClock(START);
        String poolId;
        String clientId;
        String jwks;
        CognitoTestPool.EnrolledUser alice;
        try (var first = new CognitoTestPool(UserPoolConfig.defaults(), Optional.of(dataDir), clock)) {
            alice = first.enrolledUser("alice");
            first.client.adminAddUserToGroup(
                    r -> r.userPoolId(first.poolId()).username("alice").groupName("admin"));
            poolId = first.poolId();
            clientId = first.clientId();
            jwks = first.cognito.jwksJson(poolId).orElseThrow();
        }

        try (var second = new CognitoTestPool(UserPoolConfig.defaults(), Optional.of(dataDir), clock)) {
            assertThat(second.poolId()).isEqualTo(poolId);
            assertThat(second.clientId()).isEqualTo(clientId);
            assertThat(second.cognito.jwksJson(poolId)).contains(jwks);

            var tokens = second.signInWithMfa(alice);
            var claims = ((Accepted) second.verifier().verify(tokens.idToken())).claims();
            assertThat(claims).containsEntry("cognito:groups", "admin");
            var refreshed = second.client.initiateAuth(r -> r.clientId(clientId)
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", alice.tokens().refreshToken())));
            assertThat(refreshed.authenticationResult().idToken()).isNotBlank();
        }
    }

    @Test
    void restart_sameDataDir_keepsALockout() {
        var clock = new MutableClock(START);
        try (var first = new CognitoTestPool(UserPoolConfig.defaults(), Optional.of(dataDir), clock)) {
            first.createConfirmedUser("alice");
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> first.signIn("alice", "Wrong-Password-1"))
                        .isInstanceOf(NotAuthorizedException.class);
            }
        }

        try (var second = new CognitoTestPool(UserPoolConfig.defaults(), Optional.of(dataDir), clock)) {
            assertThatThrownBy(() -> second.signIn("alice", PASSWORD))
                    .hasMessageStartingWith("Password attempts exceeded");
            clock.advance(Duration.ofMinutes(15));
            assertThat(second.signIn("alice", PASSWORD).session()).isNotBlank();
        }
    }

    @Test
    void dataDir_files_areOwnerOnlyAndHoldNoPlainSecrets() throws IOException {
        String refreshToken;
        try (var pool = new CognitoTestPool(UserPoolConfig.defaults(), Optional.of(dataDir), new MutableClock(START))) {
            refreshToken = pool.enrolledUser("alice").tokens().refreshToken();
        }

        var directory = dataDir.resolve("cognito");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
        try (var files = Files.list(directory)) {
            assertThat(files.toList())
                    .extracting(f -> f.getFileName().toString())
                    .containsExactlyInAnyOrder("pool.json", "users.json", "sign-ins.json");
        }
        try (var files = Files.list(directory)) {
            for (var file : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.getFileName().toString())
                        .isEqualTo("rw-------");
                var content = Files.readString(file);
                assertThat(content).doesNotContain(PASSWORD, CognitoTestPool.TEMPORARY_PASSWORD, refreshToken);
            }
        }
        assertThat(Files.readString(directory.resolve("users.json"))).contains("pbkdf2-sha256$600000$");
    }
}
