package com.safebook.local.cognito;

import static com.safebook.local.cognito.CognitoTestPool.PASSWORD;
import static com.safebook.local.cognito.CognitoTestPool.START;
import static com.safebook.local.cognito.CognitoTestPool.TEMPORARY_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import com.safebook.core.fake.MutableClock;
import com.safebook.local.cognito.CognitoTokenVerifier.Accepted;
import com.safebook.local.cognito.CognitoTokenVerifier.Rejected;
import com.safebook.local.cognito.UserPoolConfig.MfaConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EnableSoftwareTokenMfaException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;

class LocalCognitoTest {
    private CognitoTestPool pool;

    @BeforeEach
    void startPool() {
        pool = CognitoTestPool.withDefaults();
    }

    @AfterEach
    void stopPool() {
        pool.close();
    }

    @Test
    void adminJourney_newStaffMember_changesPasswordEnrollsTotpAndGetsVerifiableTokens() {
        var client = pool.client;
        var created = client.adminCreateUser(r -> r.userPoolId(pool.poolId())
                .username("alice")
                .temporaryPassword(TEMPORARY_PASSWORD)
                .userAttributes(AttributeType.builder()
                        .name("email")
                        .value("alice@example.test")
                        .build()));
        assertThat(created.user().userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(created.user().attributes()).extracting(AttributeType::name).containsExactly("sub", "email");
        assertThat(UUID.fromString(created.user().attributes().getFirst().value()))
                .isNotNull();

        var first = pool.signIn("alice", TEMPORARY_PASSWORD);
        assertThat(first.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(first.challengeParameters()).containsEntry("USER_ID_FOR_SRP", "alice");

        assertThatThrownBy(() -> respondNewPassword(first.session(), "alllowercase-but-long"))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("Password did not conform with policy");
        var setup = respondNewPassword(first.session(), PASSWORD);
        assertThat(setup.challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
        assertThat(setup.challengeParameters()).containsEntry("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]");

        var association = client.associateSoftwareToken(r -> r.session(setup.session()));
        assertThat(association.secretCode()).matches("[A-Z2-7]{32}");
        var secret = Base32.decode(association.secretCode());
        assertThatThrownBy(() -> client.verifySoftwareToken(
                        r -> r.session(association.session()).userCode(wrongCode(secret))))
                .isInstanceOf(EnableSoftwareTokenMfaException.class);
        var verified =
                client.verifySoftwareToken(r -> r.session(association.session()).userCode(pool.totp(secret)));
        assertThat(verified.status()).isEqualTo(VerifySoftwareTokenResponseType.SUCCESS);

        var done = client.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                .challengeName(ChallengeNameType.MFA_SETUP)
                .session(verified.session())
                .challengeResponses(Map.of("USERNAME", "alice")));
        var tokens = done.authenticationResult();
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isEqualTo(900);
        assertThat(tokens.refreshToken()).isNotBlank().doesNotContain(".");
        var claims = ((Accepted) pool.verifier().verify(tokens.idToken())).claims();
        assertThat(claims)
                .containsEntry("cognito:username", "alice")
                .containsEntry("email", "alice@example.test")
                .containsEntry("token_use", "id")
                .containsEntry("aud", pool.clientId())
                .containsEntry("iss", pool.endpoint.uri() + "/" + pool.poolId())
                .containsEntry("amr", "pwd,mfa")
                .containsEntry("sub", created.user().attributes().getFirst().value());

        var user = client.adminGetUser(r -> r.userPoolId(pool.poolId()).username("alice"));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userMFASettingList()).containsExactly("SOFTWARE_TOKEN_MFA");
    }

    @Test
    void initiateAuth_enrolledUser_requiresSoftwareTokenMfaAndIssuesTokensForTheCode() {
        var alice = pool.enrolledUser("alice");

        var tokens = pool.signInWithMfa(alice);

        assertThat(tokens.idToken()).isNotBlank();
        assertThat(pool.verifier().verify(tokens.idToken())).isInstanceOf(Accepted.class);
    }

    @Test
    void respondToAuthChallenge_wrongTotp_throwsCodeMismatch() {
        var alice = pool.enrolledUser("alice");
        pool.clock.advance(Duration.ofMinutes(1));
        var challenge = pool.signIn("alice", PASSWORD);

        assertThatThrownBy(() -> respondTotp(challenge.session(), wrongCode(alice.totpSecret())))
                .isInstanceOf(CodeMismatchException.class)
                .hasMessageContaining("Invalid code received for user");
        // The session survives a mistyped code.
        assertThat(respondTotp(challenge.session(), pool.totp(alice.totpSecret()))
                        .authenticationResult())
                .isNotNull();
    }

    @Test
    void respondToAuthChallenge_codeAlreadyUsedForEnrollment_throwsCodeMismatch() {
        var alice = pool.enrolledUser("alice");
        var challenge = pool.signIn("alice", PASSWORD);

        assertThatThrownBy(() -> respondTotp(challenge.session(), pool.totp(alice.totpSecret())))
                .isInstanceOf(CodeMismatchException.class);
    }

    @Test
    void respondToAuthChallenge_codeOfPreviousStep_isAcceptedOnce() {
        var alice = pool.enrolledUser("alice");
        pool.clock.advance(Duration.ofMinutes(2));
        var previousStepCode = Totp.code(alice.totpSecret(), Totp.step(pool.clock.instant()) - 1);
        var challenge = pool.signIn("alice", PASSWORD);
        assertThat(respondTotp(challenge.session(), previousStepCode).authenticationResult())
                .isNotNull();

        var again = pool.signIn("alice", PASSWORD);
        assertThatThrownBy(() -> respondTotp(again.session(), previousStepCode))
                .isInstanceOf(CodeMismatchException.class);
    }

    @Test
    void respondToAuthChallenge_sessionUsedTwice_throwsInvalidSession() {
        var alice = pool.enrolledUser("alice");
        pool.clock.advance(Duration.ofMinutes(1));
        var challenge = pool.signIn("alice", PASSWORD);
        respondTotp(challenge.session(), pool.totp(alice.totpSecret()));
        pool.clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> respondTotp(challenge.session(), pool.totp(alice.totpSecret())))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid session for the user.");
    }

    @Test
    void respondToAuthChallenge_sessionOlderThanThreeMinutes_throwsInvalidSession() {
        var alice = pool.enrolledUser("alice");
        pool.clock.advance(Duration.ofMinutes(1));
        var challenge = pool.signIn("alice", PASSWORD);
        pool.clock.advance(Duration.ofMinutes(3));

        assertThatThrownBy(() -> respondTotp(challenge.session(), pool.totp(alice.totpSecret())))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid session for the user");
    }

    @Test
    void respondToAuthChallenge_madeUpSession_throwsInvalidSession() {
        pool.createConfirmedUser("alice");

        assertThatThrownBy(() -> respondTotp("not-a-session", "123456"))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid session for the user.");
    }

    @Test
    void initiateAuth_wrongPasswordAndUnknownUser_giveTheSameError() {
        pool.createConfirmedUser("alice");

        assertThatThrownBy(() -> pool.signIn("alice", "Wrong-Password-1"))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Incorrect username or password.");
        assertThatThrownBy(() -> pool.signIn("mallory", "Wrong-Password-1"))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Incorrect username or password.");
    }

    @Test
    void initiateAuth_fiveWrongPasswords_locksOutUntilTheDurationPasses() {
        pool.createConfirmedUser("alice");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> pool.signIn("alice", "Wrong-Password-1"))
                    .hasMessageStartingWith("Incorrect username or password.");
        }

        assertThatThrownBy(() -> pool.signIn("alice", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Password attempts exceeded");
        pool.clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> pool.signIn("alice", PASSWORD)).hasMessageStartingWith("Password attempts exceeded");

        pool.clock.advance(Duration.ofMinutes(1));
        assertThat(pool.signIn("alice", PASSWORD).challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
    }

    @Test
    void initiateAuth_wrongPasswordsBeforeASuccessfulSignIn_doNotCountAfterIt() {
        var alice = pool.enrolledUser("alice");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> pool.signIn("alice", "Wrong-Password-1"))
                        .hasMessageStartingWith("Incorrect username or password.");
            }
            pool.signInWithMfa(alice);
        }
    }

    @Test
    void initiateAuth_disabledUser_throwsUserIsDisabledUntilEnabled() {
        pool.createConfirmedUser("alice");
        pool.client.adminDisableUser(r -> r.userPoolId(pool.poolId()).username("alice"));

        assertThatThrownBy(() -> pool.signIn("alice", PASSWORD))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("User is disabled.");

        pool.client.adminEnableUser(r -> r.userPoolId(pool.poolId()).username("alice"));
        assertThat(pool.signIn("alice", PASSWORD).challengeName()).isEqualTo(ChallengeNameType.MFA_SETUP);
    }

    @Test
    void adminDisableUser_signedInUser_revokesItsTokens() {
        var alice = pool.enrolledUser("alice");

        pool.client.adminDisableUser(r -> r.userPoolId(pool.poolId()).username("alice"));

        assertThat(pool.verifier().verify(alice.tokens().idToken())).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> refresh(alice.tokens().refreshToken())).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void initiateAuth_expiredTemporaryPassword_throwsNotAuthorized() {
        pool.createUser("alice");
        pool.clock.advance(Duration.ofDays(8));

        assertThatThrownBy(() -> pool.signIn("alice", TEMPORARY_PASSWORD))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Temporary password has expired");
    }

    @Test
    void initiateAuth_unknownClient_throwsResourceNotFound() {
        assertThatThrownBy(() -> pool.client.initiateAuth(r -> r.clientId("abcdefghijklmnopqrstuvwxyz")
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void adminAddUserToGroup_thenRefresh_idTokenCarriesTheGroups() {
        var alice = pool.enrolledUser("alice");
        pool.client.adminAddUserToGroup(
                r -> r.userPoolId(pool.poolId()).username("alice").groupName("staff"));
        pool.client.adminAddUserToGroup(
                r -> r.userPoolId(pool.poolId()).username("alice").groupName("admin"));

        var refreshed = refresh(alice.tokens().refreshToken()).authenticationResult();

        var claims = ((Accepted) pool.verifier().verify(refreshed.idToken())).claims();
        assertThat(claims).containsEntry("cognito:groups", "admin,staff").containsEntry("amr", "pwd,mfa");
        assertThat(pool.client
                        .adminListGroupsForUser(r -> r.userPoolId(pool.poolId()).username("alice"))
                        .groups())
                .extracting(g -> g.groupName())
                .containsExactly("admin", "staff");

        pool.client.adminRemoveUserFromGroup(
                r -> r.userPoolId(pool.poolId()).username("alice").groupName("admin"));
        var later = refresh(refreshed.refreshToken()).authenticationResult();
        assertThat(((Accepted) pool.verifier().verify(later.idToken())).claims())
                .containsEntry("cognito:groups", "staff");
    }

    @Test
    void adminAddUserToGroup_unknownGroup_throwsResourceNotFound() {
        pool.createUser("alice");

        assertThatThrownBy(() -> pool.client.adminAddUserToGroup(
                        r -> r.userPoolId(pool.poolId()).username("alice").groupName("root")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refreshTokenAuth_withRotation_issuesANewRefreshTokenAndRefusesTheOldOne() {
        var alice = pool.enrolledUser("alice");
        var original = alice.tokens().refreshToken();

        var refreshed = refresh(original).authenticationResult();

        assertThat(refreshed.refreshToken()).isNotBlank().isNotEqualTo(original);
        assertThat(refreshed.accessToken()).isNotEqualTo(alice.tokens().accessToken());
        assertThatThrownBy(() -> refresh(original))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid Refresh Token");
        // Reuse of a rotated-out token ends the whole sign-in, the newest token included.
        assertThatThrownBy(() -> refresh(refreshed.refreshToken())).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void refreshTokenAuth_withoutRotation_keepsTheRefreshToken() {
        pool.close();
        pool = new CognitoTestPool(
                UserPoolConfig.builder().refreshTokenRotation(false).build(),
                Optional.empty(),
                new MutableClock(START));
        var alice = pool.enrolledUser("alice");

        var refreshed = refresh(alice.tokens().refreshToken()).authenticationResult();

        assertThat(refreshed.refreshToken()).isNull();
        assertThat(refresh(alice.tokens().refreshToken()).authenticationResult().idToken())
                .isNotBlank();
    }

    @Test
    void refreshTokenAuth_afterTwelveHours_throwsExpired() {
        var alice = pool.enrolledUser("alice");
        pool.clock.advance(Duration.ofHours(12));

        assertThatThrownBy(() -> refresh(alice.tokens().refreshToken()))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Refresh Token has expired");
    }

    @Test
    void getTokensFromRefreshToken_rotates() {
        var alice = pool.enrolledUser("alice");

        var result = pool.client.getTokensFromRefreshToken(
                r -> r.clientId(pool.clientId()).refreshToken(alice.tokens().refreshToken()));

        assertThat(result.authenticationResult().refreshToken())
                .isNotEqualTo(alice.tokens().refreshToken());
        assertThatThrownBy(() -> refresh(alice.tokens().refreshToken())).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void globalSignOut_revokesRefreshAccessAndIdTokensOfEverySignIn() {
        var alice = pool.enrolledUser("alice");
        var second = pool.signInWithMfa(alice);

        pool.client.globalSignOut(r -> r.accessToken(second.accessToken()));

        for (var tokens : List.of(alice.tokens(), second)) {
            assertThatThrownBy(() -> refresh(tokens.refreshToken())).isInstanceOf(NotAuthorizedException.class);
            assertThatThrownBy(() -> pool.client.getUser(r -> r.accessToken(tokens.accessToken())))
                    .isInstanceOf(NotAuthorizedException.class)
                    .hasMessageContaining("Access Token has been revoked");
            assertThat(pool.verifier().verify(tokens.idToken())).isEqualTo(new Rejected("revoked"));
        }
        // A new sign-in after the sign-out works.
        var third = pool.signInWithMfa(alice);
        assertThat(pool.client.getUser(r -> r.accessToken(third.accessToken())).username())
                .isEqualTo("alice");
    }

    @Test
    void getUser_accessToken_returnsUsernameAttributesAndMfa() {
        var alice = pool.enrolledUser("alice");

        var user = pool.client.getUser(r -> r.accessToken(alice.tokens().accessToken()));

        assertThat(user.username()).isEqualTo("alice");
        assertThat(user.userAttributes()).extracting(AttributeType::name).contains("sub", "email", "email_verified");
        assertThat(user.preferredMfaSetting()).isEqualTo("SOFTWARE_TOKEN_MFA");
    }

    @Test
    void getUser_expiredAccessToken_throwsNotAuthorized() {
        var alice = pool.enrolledUser("alice");
        pool.clock.advance(Duration.ofMinutes(15));

        assertThatThrownBy(() ->
                        pool.client.getUser(r -> r.accessToken(alice.tokens().accessToken())))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Access Token has expired");
    }

    @Test
    void getUser_idTokenInsteadOfAccessToken_throwsNotAuthorized() {
        var alice = pool.enrolledUser("alice");

        assertThatThrownBy(() ->
                        pool.client.getUser(r -> r.accessToken(alice.tokens().idToken())))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid Access Token");
    }

    @Test
    void accessToken_claims_areCognitosWithAmr() throws Exception {
        var alice = pool.enrolledUser("alice");

        var claims = SignedJWT.parse(alice.tokens().accessToken()).getJWTClaimsSet();

        assertThat(claims.getClaims())
                .containsKeys(
                        "sub",
                        "client_id",
                        "token_use",
                        "scope",
                        "username",
                        "auth_time",
                        "iat",
                        "exp",
                        "iss",
                        "jti",
                        "origin_jti",
                        "event_id",
                        "amr");
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
        assertThat(claims.getStringClaim("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(pool.clientId());
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "mfa");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(900_000);
        assertThat(SignedJWT.parse(alice.tokens().accessToken()).getHeader().getKeyID())
                .isNotBlank();
    }

    @Test
    void mfaOptional_userWithoutTotp_getsTokensAfterThePasswordAndCanEnrollWithAccessToken() {
        pool.close();
        pool = new CognitoTestPool(
                UserPoolConfig.builder()
                        .mfaConfiguration(MfaConfiguration.OPTIONAL)
                        .build(),
                Optional.empty(),
                new MutableClock(START));
        pool.createConfirmedUser("alice");

        var tokens = pool.signIn("alice", PASSWORD).authenticationResult();
        assertThat(((Accepted) pool.verifier().verify(tokens.idToken())).claims())
                .containsEntry("amr", "pwd");

        var secret = Base32.decode(pool.client
                .associateSoftwareToken(r -> r.accessToken(tokens.accessToken()))
                .secretCode());
        var verified = pool.client.verifySoftwareToken(
                r -> r.accessToken(tokens.accessToken()).userCode(pool.totp(secret)));
        assertThat(verified.status()).isEqualTo(VerifySoftwareTokenResponseType.SUCCESS);
        pool.clock.advance(Duration.ofSeconds(30));
        assertThat(pool.signIn("alice", PASSWORD).challengeName()).isEqualTo(ChallengeNameType.SOFTWARE_TOKEN_MFA);
    }

    @Test
    void adminCreateUser_concurrentCallers_allUsersExistOnce() throws Exception {
        var names = IntStream.range(0, 8).mapToObj(i -> "user" + i).toList();
        try (var executor = Executors.newFixedThreadPool(4)) {
            var futures = names.stream()
                    .map(name -> executor.submit(() -> pool.createUser(name)))
                    .toList();
            for (var future : futures) {
                future.get();
            }
        }

        var users = pool.client.listUsers(r -> r.userPoolId(pool.poolId())).users();
        assertThat(users).extracting(u -> u.username()).containsExactlyElementsOf(names);
        assertThat(users).extracting(u -> u.attributes().getFirst().value()).doesNotHaveDuplicates();
    }

    @Test
    void adminCreateUser_existingUsernameInAnyCase_throwsUsernameExists() {
        pool.createUser("alice");

        assertThatThrownBy(() -> pool.createUser("Alice")).isInstanceOf(UsernameExistsException.class);
    }

    @Test
    void adminCreateUser_weakTemporaryPassword_throwsInvalidPassword() {
        assertThatThrownBy(() -> pool.client.adminCreateUser(
                        r -> r.userPoolId(pool.poolId()).username("alice").temporaryPassword("short")))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("Password not long enough")
                .hasMessageNotContaining("short");
    }

    @Test
    void adminCreateUser_unknownPool_throwsResourceNotFound() {
        assertThatThrownBy(() -> pool.client.adminCreateUser(
                        r -> r.userPoolId("us-east-1_000000000").username("alice")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void adminSetUserPassword_weakPassword_throwsInvalidPassword() {
        pool.createUser("alice");

        assertThatThrownBy(() -> pool.client.adminSetUserPassword(r -> r.userPoolId(pool.poolId())
                        .username("alice")
                        .password("NoSymbolsHere123")
                        .permanent(true)))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessageContaining("Password must have symbol characters");
    }

    @Test
    void adminSetUserPassword_notPermanent_requiresANewPasswordAtSignIn() {
        pool.createConfirmedUser("alice");
        pool.client.adminSetUserPassword(r -> r.userPoolId(pool.poolId())
                .username("alice")
                .password("Another-Temporary-2")
                .permanent(false));

        assertThat(pool.signIn("alice", "Another-Temporary-2").challengeName())
                .isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
    }

    @Test
    void adminGetUser_unknownUser_throwsUserNotFound() {
        assertThatThrownBy(() -> pool.client.adminGetUser(
                        r -> r.userPoolId(pool.poolId()).username("nobody")))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> pool.client.adminDisableUser(
                        r -> r.userPoolId(pool.poolId()).username("nobody")))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void listUsers_filterAndPages_returnMatchingUsers() {
        pool.createUser("alice");
        pool.createUser("bob");
        pool.createUser("carol");

        var byEmail = pool.client.listUsers(r -> r.userPoolId(pool.poolId()).filter("email = \"bob@example.test\""));
        assertThat(byEmail.users()).extracting(u -> u.username()).containsExactly("bob");
        var byPrefix = pool.client.listUsers(r -> r.userPoolId(pool.poolId()).filter("username ^= \"ca\""));
        assertThat(byPrefix.users()).extracting(u -> u.username()).containsExactly("carol");

        var firstPage = pool.client.listUsers(r -> r.userPoolId(pool.poolId()).limit(2));
        assertThat(firstPage.users()).extracting(u -> u.username()).containsExactly("alice", "bob");
        var secondPage = pool.client.listUsers(
                r -> r.userPoolId(pool.poolId()).limit(2).paginationToken(firstPage.paginationToken()));
        assertThat(secondPage.users()).extracting(u -> u.username()).containsExactly("carol");
        assertThat(secondPage.paginationToken()).isNull();
        assertThat(pool.client
                        .listUsersPaginator(r -> r.userPoolId(pool.poolId()).limit(1))
                        .users())
                .hasSize(3);
    }

    @Test
    void listUserPools_returnsThePool() {
        var pools = pool.client.listUserPools(r -> r.maxResults(10)).userPools();

        assertThat(pools).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(pool.poolId()).matches("us-east-1_[A-Za-z0-9]{9}");
            assertThat(p.name()).isEqualTo("safebook-staff");
        });
    }

    @Test
    void describeUserPool_returnsPoliciesAndMfa() {
        var described =
                pool.client.describeUserPool(r -> r.userPoolId(pool.poolId())).userPool();

        assertThat(described.mfaConfigurationAsString()).isEqualTo("ON");
        assertThat(described.policies().passwordPolicy().minimumLength()).isEqualTo(12);
        assertThat(described.policies().passwordPolicy().requireSymbols()).isTrue();
        assertThat(described.adminCreateUserConfig().allowAdminCreateUserOnly()).isTrue();
    }

    @Test
    void listUserPoolClients_returnsTheDashboardClient() {
        var clients = pool.client
                .listUserPoolClients(r -> r.userPoolId(pool.poolId()))
                .userPoolClients();

        assertThat(clients).singleElement().satisfies(c -> {
            assertThat(c.clientName()).isEqualTo("dashboard");
            assertThat(c.clientId()).isEqualTo(pool.clientId()).matches("[a-z0-9]{26}");
        });
        var described = pool.client
                .describeUserPoolClient(r -> r.userPoolId(pool.poolId()).clientId(pool.clientId()))
                .userPoolClient();
        assertThat(described.accessTokenValidity()).isEqualTo(15);
        assertThat(described.refreshTokenValidity()).isEqualTo(720);
        assertThat(described.refreshTokenRotation().featureAsString()).isEqualTo("ENABLED");
    }

    @Test
    void listGroups_returnsTheConfiguredGroups() {
        var groups = pool.client.listGroups(r -> r.userPoolId(pool.poolId())).groups();

        assertThat(groups).extracting(g -> g.groupName()).containsExactly("admin", "auditor", "staff");
    }

    @Test
    void handle_unknownOperationOrBadJson_answers400WithoutEchoingTheBody() {
        var unknown = pool.cognito.handle("DeleteUserPool", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("UnknownOperationException");

        var badJson =
                pool.cognito.handle("InitiateAuth", "{\"PASSWORD\": \"secret-value".getBytes(StandardCharsets.UTF_8));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(new String(badJson.body(), StandardCharsets.UTF_8))
                .contains("SerializationException")
                .doesNotContain("secret-value");
    }

    @Test
    void jwksJson_servesThePublicKeyOnly() {
        var jwks = pool.cognito.jwksJson(pool.poolId()).orElseThrow();

        assertThat(jwks)
                .contains("\"kty\":\"RSA\"", "\"alg\":\"RS256\"", "\"kid\"", "\"n\"", "\"e\"")
                .doesNotContain("\"d\"", "\"p\"", "\"q\"");
        assertThat(pool.cognito.jwksJson("us-east-1_other0000")).isEmpty();
    }

    private RespondToAuthChallengeResponse respondNewPassword(String session, String newPassword) {
        return pool.client.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(session)
                .challengeResponses(Map.of("USERNAME", "alice", "NEW_PASSWORD", newPassword)));
    }

    private RespondToAuthChallengeResponse respondTotp(String session, String code) {
        return pool.client.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                .challengeName(ChallengeNameType.SOFTWARE_TOKEN_MFA)
                .session(session)
                .challengeResponses(Map.of("USERNAME", "alice", "SOFTWARE_TOKEN_MFA_CODE", code)));
    }

    private InitiateAuthResponse refresh(String refreshToken) {
        return pool.client.initiateAuth(r -> r.clientId(pool.clientId())
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken)));
    }

    /** A code valid in none of the steps the pool accepts now. */
    private String wrongCode(byte[] secret) {
        var step = Totp.step(pool.clock.instant());
        var valid = List.of(Totp.code(secret, step - 1), Totp.code(secret, step), Totp.code(secret, step + 1));
        var candidate = 0;
        while (valid.contains(String.format("%06d", candidate))) {
            candidate++;
        }
        return String.format("%06d", candidate);
    }
}
