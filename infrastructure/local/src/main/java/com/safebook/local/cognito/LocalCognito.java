package com.safebook.local.cognito;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.safebook.core.security.Digests;
import com.safebook.core.security.SecureIds;
import com.safebook.local.aws.AwsJsonResponse;
import com.safebook.local.aws.AwsJsonService;
import com.safebook.local.cognito.CognitoStore.StoredPool;
import com.safebook.local.cognito.CognitoStore.StoredSignIn;
import com.safebook.local.cognito.CognitoStore.StoredUser;
import com.safebook.local.cognito.CognitoUser.Status;
import com.safebook.local.cognito.UserPoolConfig.MfaConfiguration;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cognito user pool on the local AWS endpoint, speaking the JSON 1.1 protocol of
 * {@code AWSCognitoIdentityProviderService} so that the AWS SDK and the {@code aws cognito-idp} CLI work
 * unchanged. It enforces what the deployed pool enforces: the password policy, TOTP MFA, lockout after failed
 * sign-ins, single-use short-lived challenge sessions, revocation by GlobalSignOut and refresh-token rotation.
 * Errors use Cognito's {@code __type} names and messages, with user-existence errors prevented on sign-in.
 *
 * <p>Tokens are RS256 JWTs with Cognito's claims plus {@code amr} ({@code pwd}, {@code mfa}); the issuer is
 * {@code <issuerBase>/<userPoolId>} and the public keys are at {@link #jwksJson(String)}. Nothing is ever
 * delivered by email or SMS: an AdminCreateUser without a TemporaryPassword leaves an account that only
 * AdminSetUserPassword can open.
 *
 * <p>Thread-safe: state is guarded by one lock, and the slow password hashing runs outside it.
 */
public final class LocalCognito implements AwsJsonService {
    public static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService";

    private static final String LOCAL_ACCOUNT_ID = "000000000000";
    private static final String ACCESS_SCOPE = "aws.cognito.signin.user.admin";
    private static final String SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA";
    private static final Logger LOG = LoggerFactory.getLogger(LocalCognito.class);
    private static final String INCORRECT_CREDENTIALS = "Incorrect username or password.";
    private static final String USER_DISABLED = "User is disabled.";
    private static final String LOCKED_OUT = "Password attempts exceeded";
    private static final String INVALID_SESSION = "Invalid session for the user.";
    private static final String INVALID_REFRESH_TOKEN = "Invalid Refresh Token";
    private static final String INVALID_ACCESS_TOKEN = "Invalid Access Token";
    /** Wrong MFA codes one challenge session takes before it is dropped and the password is asked again. */
    private static final int MAX_FAILED_CODES_PER_SESSION = 3;

    private static final int TOTP_SECRET_BYTES = 20;
    private static final int REFRESH_TOKEN_BYTES = 48;
    private static final int SESSION_BYTES = 48;
    private static final int MAX_PAGE = 60;
    private static final int MAX_ATTRIBUTE_LENGTH = 2048;
    private static final Set<String> STANDARD_ATTRIBUTES = Set.of(
            "address",
            "birthdate",
            "email",
            "email_verified",
            "family_name",
            "gender",
            "given_name",
            "locale",
            "middle_name",
            "name",
            "nickname",
            "phone_number",
            "phone_number_verified",
            "picture",
            "preferred_username",
            "profile",
            "updated_at",
            "website",
            "zoneinfo");
    /** Attributes ListUsers can filter on, as in Cognito. */
    private static final Set<String> SEARCHABLE_ATTRIBUTES = Set.of(
            "username",
            "email",
            "phone_number",
            "name",
            "given_name",
            "family_name",
            "preferred_username",
            "cognito:user_status",
            "status",
            "sub");

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");
    private static final Pattern SHOWABLE_NAME = Pattern.compile("[\\w:.-]{1,128}");
    private static final Pattern FILTER = Pattern.compile("\\s*([\\w:]+)\\s*(\\^?=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

    private final UserPoolConfig config;
    private final String region;
    private final String issuer;
    private final Clock clock;
    private final CognitoStore store;
    private final SecureIds random = new SecureIds();
    private final ObjectMapper json = new ObjectMapper();
    private final String userPoolId;
    private final Instant poolCreatedAt;
    private final Map<String, String> clientIdsByName;
    private final CognitoSigningKey signingKey;

    private final Object lock = new Object();
    /** By {@link CognitoUser#key(String)}, sorted so that listings page stably. */
    private final Map<String, CognitoUser> users = new TreeMap<>();
    /** By origin_jti. */
    private final Map<String, SignInSession> signIns = new HashMap<>();
    /** SHA-256 (hex) of current and retired refresh tokens, to their sign-in's origin_jti. */
    private final Map<String, String> signInsByRefreshHash = new HashMap<>();
    /** By Session string. */
    private final Map<String, ChallengeSession> challenges = new HashMap<>();

    private volatile PasswordHash decoyPassword;

    /**
     * @param config what the pool enforces
     * @param region the endpoint's region, the prefix of the pool id
     * @param issuerBase the endpoint's URL, such as {@code http://127.0.0.1:4566}; tokens are issued by
     *     {@code <issuerBase>/<userPoolId>}
     * @param dataDir where state survives restarts ({@code <dataDir>/cognito/}); empty keeps it in memory
     * @param clock the time of token validity, lockouts, sessions and TOTP steps
     */
    public LocalCognito(UserPoolConfig config, String region, String issuerBase, Optional<Path> dataDir, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-[0-9]")) {
            throw new IllegalArgumentException("Not an AWS region: " + region);
        }
        this.store = CognitoStore.open(dataDir);
        var stored = store.loadPool();
        this.userPoolId = stored.map(StoredPool::userPoolId).orElseGet(() -> derivedPoolId(region, config.poolName()));
        this.poolCreatedAt = stored.map(pool -> Instant.ofEpochMilli(pool.createdAtMillis()))
                .orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.MILLIS));
        this.signingKey = stored.map(pool -> CognitoSigningKey.fromPrivateJwk(pool.signingKey()))
                .orElseGet(CognitoSigningKey::generate);
        var storedClients = stored.map(StoredPool::clientIds).orElse(Map.of());
        var clients = new LinkedHashMap<String, String>();
        for (var name : config.appClients()) {
            clients.put(name, storedClients.getOrDefault(name, derivedClientId(userPoolId, name)));
        }
        this.clientIdsByName = Collections.unmodifiableMap(clients);
        var base = Objects.requireNonNull(issuerBase, "issuerBase");
        this.issuer = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + userPoolId;
        if (stored.isEmpty() || !stored.get().clientIds().equals(clients)) {
            store.savePool(new StoredPool(userPoolId, poolCreatedAt.toEpochMilli(), clients, signingKey.privateJwk()));
        }
        synchronized (lock) {
            store.loadUsers().forEach(this::restoreUser);
            store.loadSignIns().forEach(this::restoreSignIn);
            pruneSignIns(clock.instant());
        }
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    /** The pool's id, {@code <region>_<9 alphanumerics>}, stable across restarts. */
    public String userPoolId() {
        return userPoolId;
    }

    /** The id of the app client with this name. */
    public String clientId(String clientName) {
        var id = clientIdsByName.get(clientName);
        if (id == null) {
            throw new IllegalArgumentException("No app client named " + clientName);
        }
        return id;
    }

    /** The {@code iss} of this pool's tokens. */
    public String issuer() {
        return issuer;
    }

    public UserPoolConfig config() {
        return config;
    }

    /**
     * The pool's public keys as served at {@code /<userPoolId>/.well-known/jwks.json}: {@code {"keys":[...]}}.
     * Empty for another pool id, which the endpoint answers with 404.
     */
    public Optional<String> jwksJson(String userPoolId) {
        return this.userPoolId.equals(userPoolId) ? Optional.of(signingKey.publicJwks()) : Optional.empty();
    }

    /** The JWKS for a GET of {@code path} on the AWS endpoint, if it is this pool's JWKS path. */
    public Optional<byte[]> jwksAt(String path) {
        var suffix = "/.well-known/jwks.json";
        if (!path.startsWith("/") || !path.endsWith(suffix)) {
            return Optional.empty();
        }
        return jwksJson(path.substring(1, path.length() - suffix.length()))
                .map(json -> json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Collection<String> clientIds() {
        return clientIdsByName.values();
    }

    /** Whether the sign-in behind a token (its origin_jti) still stands: not signed out, user enabled. */
    boolean signInActive(String originJti) {
        synchronized (lock) {
            var signIn = signIns.get(originJti);
            if (signIn == null) {
                return false;
            }
            var user = users.get(signIn.userKey);
            return user != null && user.enabled;
        }
    }

    @Override
    public AwsJsonResponse handle(String operation, byte[] body) {
        try {
            var request = JsonRequest.parse(json, body);
            ObjectNode result =
                    switch (operation) {
                        case "AdminCreateUser" -> adminCreateUser(request);
                        case "AdminSetUserPassword" -> adminSetUserPassword(request);
                        case "AdminGetUser" -> adminGetUser(request);
                        case "AdminAddUserToGroup" -> adminChangeGroup(request, true);
                        case "AdminRemoveUserFromGroup" -> adminChangeGroup(request, false);
                        case "AdminListGroupsForUser" -> adminListGroupsForUser(request);
                        case "AdminDisableUser" -> adminSetEnabled(request, false);
                        case "AdminEnableUser" -> adminSetEnabled(request, true);
                        case "AdminUserGlobalSignOut" -> adminUserGlobalSignOut(request);
                        case "ListUsers" -> listUsers(request);
                        case "ListUserPools" -> listUserPools(request);
                        case "DescribeUserPool" -> describeUserPool(request);
                        case "ListUserPoolClients" -> listUserPoolClients(request);
                        case "DescribeUserPoolClient" -> describeUserPoolClient(request);
                        case "ListGroups" -> listGroups(request);
                        case "InitiateAuth" -> initiateAuth(request);
                        case "RespondToAuthChallenge" -> respondToAuthChallenge(request);
                        case "GetTokensFromRefreshToken" -> getTokensFromRefreshToken(request);
                        case "AssociateSoftwareToken" -> associateSoftwareToken(request);
                        case "VerifySoftwareToken" -> verifySoftwareToken(request);
                        case "GlobalSignOut" -> globalSignOut(request);
                        case "GetUser" -> getUser(request);
                        default ->
                            throw new CognitoServiceException(
                                    "UnknownOperationException",
                                    "Unknown operation"
                                            + (SHOWABLE_NAME.matcher(operation).matches() ? " " + operation : "")
                                            + ".");
                    };
            return AwsJsonResponse.ok(json.writeValueAsBytes(result));
        } catch (CognitoServiceException e) {
            // What Cognito's own sign-in events hold when deployed: no function runs, so the project's
            // audit trail never sees a refused sign-in. Neither username nor message: either may quote input.
            LOG.warn(
                    "Cognito {} refused: {}",
                    SHOWABLE_NAME.matcher(operation).matches() ? operation : "(unknown operation)",
                    e.type());
            return AwsJsonResponse.error(400, e.type(), e.getMessage());
        } catch (UncheckedIOException | JsonProcessingException e) {
            return AwsJsonResponse.error(
                    500, "InternalErrorException", "The local user pool could not save its state.");
        }
    }

    // ---- Administration ----

    private ObjectNode adminCreateUser(JsonRequest request) {
        requirePool(request);
        var username = validUsername(request.requiredText("Username"));
        var attributes = validAttributes(request.attributeList("UserAttributes"));
        var action = request.text("MessageAction");
        if (action.isPresent()
                && !action.get().equals("RESEND")
                && !action.get().equals("SUPPRESS")) {
            throw CognitoServiceException.invalidParameter("MessageAction must be RESEND or SUPPRESS.");
        }
        var temporary = request.text("TemporaryPassword");
        temporary.ifPresent(this::requireAcceptablePassword);
        // Cognito would email a generated password; nothing is sent here, so nobody ever knows this one.
        var hash = hashPassword(temporary.orElseGet(() -> Digests.base64Url(random.bytes(32))));
        synchronized (lock) {
            var now = now();
            var existing = users.get(CognitoUser.key(username));
            CognitoUser user;
            if (action.filter("RESEND"::equals).isPresent()) {
                if (existing == null) {
                    throw CognitoServiceException.userNotFound();
                }
                if (existing.status != Status.FORCE_CHANGE_PASSWORD) {
                    throw new CognitoServiceException(
                            "UnsupportedUserStateException",
                            "Resend not possible. User status is not FORCE_CHANGE_PASSWORD.");
                }
                user = existing;
            } else {
                if (existing != null) {
                    throw new CognitoServiceException("UsernameExistsException", "User account already exists");
                }
                user = new CognitoUser(username, random.uuid(), now);
                user.attributes.putAll(attributes);
                users.put(user.key(), user);
            }
            user.password = hash;
            user.status = Status.FORCE_CHANGE_PASSWORD;
            user.temporaryPasswordExpiresAt = now.plus(config.temporaryPasswordValidity());
            user.modifiedAt = now;
            saveUsers();
            var out = object();
            out.set("User", userType(user, null));
            return out;
        }
    }

    private ObjectNode adminSetUserPassword(JsonRequest request) {
        requirePool(request);
        var username = request.requiredText("Username");
        var password = request.requiredText("Password");
        var permanent = request.bool("Permanent", false);
        synchronized (lock) {
            // Before the slow hash, so that a typo in the username fails fast.
            requireUser(username);
        }
        requireAcceptablePassword(password);
        var hash = hashPassword(password);
        synchronized (lock) {
            var now = now();
            var user = requireUser(username);
            user.password = hash;
            user.status = permanent ? Status.CONFIRMED : Status.FORCE_CHANGE_PASSWORD;
            user.temporaryPasswordExpiresAt = permanent ? null : now.plus(config.temporaryPasswordValidity());
            // An administrator setting the password is also how a locked-out user gets back in at once.
            user.failedSignIns = 0;
            user.lockedUntil = null;
            user.modifiedAt = now;
            saveUsers();
        }
        return object();
    }

    private ObjectNode adminGetUser(JsonRequest request) {
        requirePool(request);
        var username = request.requiredText("Username");
        synchronized (lock) {
            var user = requireUser(username);
            var out = object();
            out.put("Username", user.username);
            out.set("UserAttributes", attributeArray(user, null));
            out.put("UserCreateDate", seconds(user.createdAt));
            out.put("UserLastModifiedDate", seconds(user.modifiedAt));
            out.put("Enabled", user.enabled);
            out.put("UserStatus", user.status.name());
            putMfaSettings(out, user);
            return out;
        }
    }

    private ObjectNode adminChangeGroup(JsonRequest request, boolean add) {
        requirePool(request);
        var username = request.requiredText("Username");
        var group = requireGroup(request.requiredText("GroupName"));
        synchronized (lock) {
            var user = requireUser(username);
            var changed = add ? user.groups.add(group) : user.groups.remove(group);
            if (changed) {
                saveUsers();
            }
        }
        return object();
    }

    private ObjectNode adminListGroupsForUser(JsonRequest request) {
        requirePool(request);
        var username = request.requiredText("Username");
        var limit = pageSize(request.integer("Limit", 0, MAX_PAGE, MAX_PAGE));
        var after = request.text("NextToken");
        List<String> groups;
        synchronized (lock) {
            groups = List.copyOf(requireUser(username).groups);
        }
        var out = object();
        var array = out.putArray("Groups");
        page(groups, Function.identity(), after, limit, out, "NextToken").forEach(g -> array.add(groupType(g)));
        return out;
    }

    private ObjectNode adminSetEnabled(JsonRequest request, boolean enabled) {
        requirePool(request);
        var username = request.requiredText("Username");
        synchronized (lock) {
            var user = requireUser(username);
            user.enabled = enabled;
            user.modifiedAt = now();
            if (!enabled) {
                // As in Cognito, disabling a user revokes its tokens.
                revokeSignIns(user.key());
                saveSignIns();
            }
            saveUsers();
        }
        return object();
    }

    private ObjectNode adminUserGlobalSignOut(JsonRequest request) {
        requirePool(request);
        var username = request.requiredText("Username");
        synchronized (lock) {
            revokeSignIns(requireUser(username).key());
            saveSignIns();
        }
        return object();
    }

    private ObjectNode listUsers(JsonRequest request) {
        requirePool(request);
        var attributesToGet = request.stringList("AttributesToGet");
        var limit = pageSize(request.integer("Limit", 0, MAX_PAGE, MAX_PAGE));
        var after = request.text("PaginationToken");
        var filter = request.text("Filter").map(LocalCognito::userFilter).orElse(user -> true);
        var out = object();
        var array = out.putArray("Users");
        synchronized (lock) {
            var matching = users.values().stream().filter(filter).toList();
            for (var user : page(matching, CognitoUser::key, after, limit, out, "PaginationToken")) {
                array.add(userType(user, attributesToGet.isEmpty() ? null : Set.copyOf(attributesToGet)));
            }
        }
        return out;
    }

    private ObjectNode listUserPools(JsonRequest request) {
        if (request.integer("MaxResults", 1, MAX_PAGE, 0) == 0) {
            throw JsonRequest.missing("MaxResults");
        }
        var out = object();
        var pool = out.putArray("UserPools").addObject();
        pool.put("Id", userPoolId);
        pool.put("Name", config.poolName());
        pool.putObject("LambdaConfig");
        pool.put("LastModifiedDate", seconds(poolCreatedAt));
        pool.put("CreationDate", seconds(poolCreatedAt));
        return out;
    }

    private ObjectNode describeUserPool(JsonRequest request) {
        requirePool(request);
        var out = object();
        var pool = out.putObject("UserPool");
        pool.put("Id", userPoolId);
        pool.put("Name", config.poolName());
        var policy = config.passwordPolicy();
        var passwordPolicy = pool.putObject("Policies").putObject("PasswordPolicy");
        passwordPolicy.put("MinimumLength", policy.minimumLength());
        passwordPolicy.put("RequireUppercase", policy.requireUppercase());
        passwordPolicy.put("RequireLowercase", policy.requireLowercase());
        passwordPolicy.put("RequireNumbers", policy.requireNumbers());
        passwordPolicy.put("RequireSymbols", policy.requireSymbols());
        passwordPolicy.put(
                "TemporaryPasswordValidityDays",
                config.temporaryPasswordValidity().toDays());
        pool.put("DeletionProtection", "ACTIVE");
        pool.putObject("LambdaConfig");
        pool.put("LastModifiedDate", seconds(poolCreatedAt));
        pool.put("CreationDate", seconds(poolCreatedAt));
        pool.put("MfaConfiguration", config.mfaConfiguration().name());
        synchronized (lock) {
            pool.put("EstimatedNumberOfUsers", users.size());
        }
        pool.putObject("AdminCreateUserConfig").put("AllowAdminCreateUserOnly", config.adminCreateUserOnly());
        pool.putObject("UsernameConfiguration").put("CaseSensitive", false);
        pool.put("Arn", "arn:aws:cognito-idp:" + region + ":" + LOCAL_ACCOUNT_ID + ":userpool/" + userPoolId);
        return out;
    }

    private ObjectNode listUserPoolClients(JsonRequest request) {
        requirePool(request);
        var limit = request.integer("MaxResults", 1, MAX_PAGE, MAX_PAGE);
        var after = request.text("NextToken");
        var out = object();
        var array = out.putArray("UserPoolClients");
        var sorted = clientIdsByName.values().stream().sorted().toList();
        for (var clientId : page(sorted, Function.identity(), after, limit, out, "NextToken")) {
            var client = array.addObject();
            client.put("ClientId", clientId);
            client.put("UserPoolId", userPoolId);
            client.put("ClientName", clientName(clientId));
        }
        return out;
    }

    private ObjectNode describeUserPoolClient(JsonRequest request) {
        requirePool(request);
        var clientId = requireClient(request.requiredText("ClientId"));
        var out = object();
        var client = out.putObject("UserPoolClient");
        client.put("UserPoolId", userPoolId);
        client.put("ClientName", clientName(clientId));
        client.put("ClientId", clientId);
        client.put("LastModifiedDate", seconds(poolCreatedAt));
        client.put("CreationDate", seconds(poolCreatedAt));
        client.put("RefreshTokenValidity", config.refreshTokenValidity().toMinutes());
        client.put("AccessTokenValidity", config.accessTokenValidity().toMinutes());
        client.put("IdTokenValidity", config.idTokenValidity().toMinutes());
        var units = client.putObject("TokenValidityUnits");
        units.put("AccessToken", "minutes");
        units.put("IdToken", "minutes");
        units.put("RefreshToken", "minutes");
        client.putArray("ExplicitAuthFlows").add("ALLOW_USER_PASSWORD_AUTH").add("ALLOW_REFRESH_TOKEN_AUTH");
        client.put("AllowedOAuthFlowsUserPoolClient", false);
        client.put("PreventUserExistenceErrors", "ENABLED");
        client.put("EnableTokenRevocation", true);
        client.put("EnablePropagateAdditionalUserContextData", false);
        client.put("AuthSessionValidity", config.authSessionValidity().toMinutes());
        var rotation = client.putObject("RefreshTokenRotation");
        rotation.put("Feature", config.refreshTokenRotation() ? "ENABLED" : "DISABLED");
        rotation.put("RetryGracePeriodSeconds", 0);
        return out;
    }

    private ObjectNode listGroups(JsonRequest request) {
        requirePool(request);
        var limit = pageSize(request.integer("Limit", 0, MAX_PAGE, MAX_PAGE));
        var after = request.text("NextToken");
        var out = object();
        var array = out.putArray("Groups");
        var sorted = config.groups().stream().sorted().toList();
        page(sorted, Function.identity(), after, limit, out, "NextToken").forEach(g -> array.add(groupType(g)));
        return out;
    }

    // ---- Sign-in ----

    private ObjectNode initiateAuth(JsonRequest request) {
        var clientId = requireClient(request.requiredText("ClientId"));
        var flow = request.requiredText("AuthFlow");
        var parameters = request.stringMap("AuthParameters");
        return switch (flow) {
            case "USER_PASSWORD_AUTH" -> passwordSignIn(clientId, parameters);
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" ->
                refresh(clientId, required(parameters, "REFRESH_TOKEN"), true);
            default ->
                throw CognitoServiceException.invalidParameter(
                        flow.matches("[A-Z_]{1,40}")
                                ? flow + " flow not enabled for this client"
                                : "Initiate Auth method not supported.");
        };
    }

    private ObjectNode passwordSignIn(String clientId, Map<String, String> parameters) {
        var username = required(parameters, "USERNAME");
        var password = required(parameters, "PASSWORD");
        var key = CognitoUser.key(username);
        PasswordHash expected;
        synchronized (lock) {
            var user = users.get(key);
            if (user != null) {
                var now = now();
                releaseExpiredLockout(user, now);
                if (user.lockedAt(now)) {
                    throw CognitoServiceException.notAuthorized(LOCKED_OUT);
                }
            }
            expected = user == null ? null : user.password;
        }
        boolean matches;
        if (expected == null) {
            // An unknown user costs a hash too, so that timing does not tell who exists.
            decoyPassword().matches(password);
            matches = false;
        } else {
            matches = expected.matches(password);
        }
        synchronized (lock) {
            var now = now();
            var user = users.get(key);
            if (user == null || expected == null || user.password != expected) {
                // Unknown, or created or re-passworded while the hash ran: this attempt proved nothing.
                throw CognitoServiceException.notAuthorized(INCORRECT_CREDENTIALS);
            }
            if (user.lockedAt(now)) {
                throw CognitoServiceException.notAuthorized(LOCKED_OUT);
            }
            if (!matches) {
                recordFailedSignIn(user, now);
                throw CognitoServiceException.notAuthorized(INCORRECT_CREDENTIALS);
            }
            if (!user.enabled) {
                throw CognitoServiceException.notAuthorized(USER_DISABLED);
            }
            if (user.status == Status.FORCE_CHANGE_PASSWORD) {
                if (!now.isBefore(user.temporaryPasswordExpiresAt)) {
                    throw CognitoServiceException.notAuthorized(
                            "Temporary password has expired and must be reset by an administrator.");
                }
                return challenge(user, clientId, "NEW_PASSWORD_REQUIRED", now);
            }
            return afterPassword(user, clientId, now);
        }
    }

    /** The step after a proven password: MFA setup, an MFA code, or tokens. Holds the lock. */
    private ObjectNode afterPassword(CognitoUser user, String clientId, Instant now) {
        var mfa = config.mfaConfiguration();
        if (mfa == MfaConfiguration.ON && user.totpSecret == null) {
            return challenge(user, clientId, "MFA_SETUP", now);
        }
        if (mfa != MfaConfiguration.OFF && user.totpSecret != null) {
            return challenge(user, clientId, SOFTWARE_TOKEN_MFA, now);
        }
        return signedIn(user, clientId, List.of("pwd"), now);
    }

    private ObjectNode respondToAuthChallenge(JsonRequest request) {
        var clientId = requireClient(request.requiredText("ClientId"));
        var challengeName = request.requiredText("ChallengeName");
        var session = request.text("Session")
                .orElseThrow(() -> CognitoServiceException.invalidParameter("Missing required parameter Session"));
        var responses = request.stringMap("ChallengeResponses");
        var username = required(responses, "USERNAME");
        return switch (challengeName) {
            case "NEW_PASSWORD_REQUIRED" -> respondNewPassword(clientId, session, username, responses);
            case "MFA_SETUP" -> respondMfaSetup(clientId, session, username);
            case SOFTWARE_TOKEN_MFA -> respondSoftwareTokenMfa(clientId, session, username, responses);
            default ->
                throw CognitoServiceException.invalidParameter(
                        "The challenge " + (SHOWABLE_NAME.matcher(challengeName).matches() ? challengeName + " " : "")
                                + "is not supported by this user pool.");
        };
    }

    private ObjectNode respondNewPassword(
            String clientId, String sessionToken, String username, Map<String, String> responses) {
        var newPassword = required(responses, "NEW_PASSWORD");
        var attributes = new LinkedHashMap<String, String>();
        responses.forEach((name, value) -> {
            if (name.startsWith("userAttributes.")) {
                attributes.put(name.substring("userAttributes.".length()), value);
            }
        });
        validAttributes(attributes);
        synchronized (lock) {
            activeChallenge(sessionToken, clientId, "NEW_PASSWORD_REQUIRED", username);
        }
        // A refused password leaves the session usable, so the user can try another.
        requireAcceptablePassword(newPassword);
        var hash = hashPassword(newPassword);
        synchronized (lock) {
            var now = now();
            var session = activeChallenge(sessionToken, clientId, "NEW_PASSWORD_REQUIRED", username);
            challenges.remove(sessionToken);
            var user = enabledUser(session);
            user.password = hash;
            user.status = Status.CONFIRMED;
            user.temporaryPasswordExpiresAt = null;
            user.attributes.putAll(attributes);
            user.modifiedAt = now;
            saveUsers();
            return afterPassword(user, clientId, now);
        }
    }

    private ObjectNode respondMfaSetup(String clientId, String sessionToken, String username) {
        synchronized (lock) {
            var now = now();
            var session = activeChallenge(sessionToken, clientId, "MFA_SETUP", username);
            if (!session.totpVerified) {
                throw CognitoServiceException.invalidParameter("Software token MFA has not been verified: "
                        + "call AssociateSoftwareToken and VerifySoftwareToken.");
            }
            challenges.remove(sessionToken);
            return signedIn(enabledUser(session), clientId, List.of("pwd", "mfa"), now);
        }
    }

    private ObjectNode respondSoftwareTokenMfa(
            String clientId, String sessionToken, String username, Map<String, String> responses) {
        var code = required(responses, "SOFTWARE_TOKEN_MFA_CODE");
        synchronized (lock) {
            var now = now();
            var session = activeChallenge(sessionToken, clientId, SOFTWARE_TOKEN_MFA, username);
            var user = users.get(session.userKey);
            if (user == null) {
                challenges.remove(sessionToken);
                throw CognitoServiceException.notAuthorized(INVALID_SESSION);
            }
            releaseExpiredLockout(user, now);
            if (user.lockedAt(now)) {
                challenges.remove(sessionToken);
                throw CognitoServiceException.notAuthorized(LOCKED_OUT);
            }
            var step = user.totpSecret == null
                    ? OptionalLong.empty()
                    : acceptedStep(user.totpSecret, code, user.lastTotpStep, now);
            if (step.isEmpty()) {
                if (++session.failedCodes >= MAX_FAILED_CODES_PER_SESSION) {
                    challenges.remove(sessionToken);
                }
                // Wrong codes count toward the lockout like wrong passwords, or a known password would allow
                // guessing codes without end.
                recordFailedSignIn(user, now);
                throw new CognitoServiceException("CodeMismatchException", "Invalid code received for user");
            }
            challenges.remove(sessionToken);
            if (!user.enabled) {
                throw CognitoServiceException.notAuthorized(USER_DISABLED);
            }
            user.lastTotpStep = step.getAsLong();
            return signedIn(user, clientId, List.of("pwd", "mfa"), now);
        }
    }

    private ObjectNode associateSoftwareToken(JsonRequest request) {
        requireSoftwareTokenMfa();
        var accessToken = request.text("AccessToken");
        var sessionToken = request.text("Session");
        if (accessToken.isPresent() == sessionToken.isPresent()) {
            throw CognitoServiceException.invalidParameter("Exactly one of AccessToken and Session is required.");
        }
        var secret = random.bytes(TOTP_SECRET_BYTES);
        var out = object();
        out.put("SecretCode", Base32.encode(secret));
        if (sessionToken.isPresent()) {
            synchronized (lock) {
                var now = now();
                var session = activeChallenge(sessionToken.get(), null, "MFA_SETUP", null);
                challenges.remove(sessionToken.get());
                out.put(
                        "Session",
                        newChallenge(new ChallengeSession(
                                session.userKey,
                                session.clientId,
                                "MFA_SETUP",
                                now.plus(config.authSessionValidity()),
                                session.authenticationMethods,
                                secret,
                                false)));
            }
        } else {
            var token = verifiedAccessToken(accessToken.get());
            synchronized (lock) {
                var user = signedInUser(token);
                user.pendingTotpSecret = secret;
                saveUsers();
            }
        }
        return out;
    }

    private ObjectNode verifySoftwareToken(JsonRequest request) {
        requireSoftwareTokenMfa();
        var code = request.requiredText("UserCode");
        var accessToken = request.text("AccessToken");
        var sessionToken = request.text("Session");
        if (accessToken.isPresent() == sessionToken.isPresent()) {
            throw CognitoServiceException.invalidParameter("Exactly one of AccessToken and Session is required.");
        }
        var out = object();
        if (sessionToken.isPresent()) {
            synchronized (lock) {
                var now = now();
                var session = activeChallenge(sessionToken.get(), null, "MFA_SETUP", null);
                if (session.pendingTotpSecret == null) {
                    throw CognitoServiceException.invalidParameter("Call AssociateSoftwareToken first.");
                }
                var user = enabledUser(session);
                var step = acceptedStep(session.pendingTotpSecret, code, Long.MIN_VALUE, now);
                if (step.isEmpty()) {
                    if (++session.failedCodes >= MAX_FAILED_CODES_PER_SESSION) {
                        challenges.remove(sessionToken.get());
                    }
                    throw softwareTokenMismatch();
                }
                challenges.remove(sessionToken.get());
                enroll(user, session.pendingTotpSecret, step.getAsLong(), now);
                out.put("Status", "SUCCESS");
                out.put(
                        "Session",
                        newChallenge(new ChallengeSession(
                                session.userKey,
                                session.clientId,
                                "MFA_SETUP",
                                now.plus(config.authSessionValidity()),
                                session.authenticationMethods,
                                null,
                                true)));
            }
        } else {
            var token = verifiedAccessToken(accessToken.get());
            synchronized (lock) {
                var now = now();
                var user = signedInUser(token);
                if (user.pendingTotpSecret == null) {
                    throw CognitoServiceException.invalidParameter("Call AssociateSoftwareToken first.");
                }
                var step = acceptedStep(user.pendingTotpSecret, code, Long.MIN_VALUE, now);
                if (step.isEmpty()) {
                    throw softwareTokenMismatch();
                }
                enroll(user, user.pendingTotpSecret, step.getAsLong(), now);
                out.put("Status", "SUCCESS");
            }
        }
        return out;
    }

    private ObjectNode getTokensFromRefreshToken(JsonRequest request) {
        var clientId = requireClient(request.requiredText("ClientId"));
        return refresh(clientId, request.requiredText("RefreshToken"), false);
    }

    private ObjectNode globalSignOut(JsonRequest request) {
        var token = verifiedAccessToken(request.requiredText("AccessToken"));
        synchronized (lock) {
            revokeSignIns(signedInUser(token).key());
            saveSignIns();
        }
        return object();
    }

    private ObjectNode getUser(JsonRequest request) {
        var token = verifiedAccessToken(request.requiredText("AccessToken"));
        synchronized (lock) {
            var user = signedInUser(token);
            var out = object();
            out.put("Username", user.username);
            out.set("UserAttributes", attributeArray(user, null));
            putMfaSettings(out, user);
            return out;
        }
    }

    // ---- Sessions and tokens (callers hold the lock where noted) ----

    /** Holds the lock. */
    private ObjectNode challenge(CognitoUser user, String clientId, String challengeName, Instant now) {
        var session = new ChallengeSession(
                user.key(),
                clientId,
                challengeName,
                now.plus(config.authSessionValidity()),
                List.of("pwd"),
                null,
                false);
        var out = object();
        out.put("ChallengeName", challengeName);
        out.put("Session", newChallenge(session));
        var parameters = out.putObject("ChallengeParameters");
        parameters.put("USER_ID_FOR_SRP", user.username);
        switch (challengeName) {
            case "NEW_PASSWORD_REQUIRED" -> {
                parameters.put("requiredAttributes", "[]");
                var attributes = object();
                user.attributes.forEach(attributes::put);
                parameters.put("userAttributes", attributes.toString());
            }
            case "MFA_SETUP" -> parameters.put("MFAS_CAN_SETUP", "[\"" + SOFTWARE_TOKEN_MFA + "\"]");
            default -> {
                // SOFTWARE_TOKEN_MFA needs nothing more.
            }
        }
        return out;
    }

    /** Holds the lock. */
    private String newChallenge(ChallengeSession session) {
        var now = now();
        challenges.values().removeIf(s -> !now.isBefore(s.expiresAt));
        var token = Digests.base64Url(random.bytes(SESSION_BYTES));
        challenges.put(token, session);
        return token;
    }

    /**
     * The live session behind a Session string, checked against the request; {@code clientId} and
     * {@code username} are not checked when null. Holds the lock.
     */
    private ChallengeSession activeChallenge(String token, String clientId, String challengeName, String username) {
        var session = challenges.get(token);
        if (session == null) {
            throw CognitoServiceException.notAuthorized(INVALID_SESSION);
        }
        if (!now().isBefore(session.expiresAt)) {
            challenges.remove(token);
            throw CognitoServiceException.notAuthorized("Invalid session for the user, session is expired.");
        }
        if ((clientId != null && !clientId.equals(session.clientId))
                || !challengeName.equals(session.challengeName)
                || (username != null && !CognitoUser.key(username).equals(session.userKey))) {
            throw CognitoServiceException.notAuthorized(INVALID_SESSION);
        }
        return session;
    }

    /** Holds the lock. */
    private CognitoUser enabledUser(ChallengeSession session) {
        var user = users.get(session.userKey);
        if (user == null) {
            throw CognitoServiceException.notAuthorized(INVALID_SESSION);
        }
        if (!user.enabled) {
            throw CognitoServiceException.notAuthorized(USER_DISABLED);
        }
        return user;
    }

    /** A completed sign-in: a new token family, and the failure count starts again. Holds the lock. */
    private ObjectNode signedIn(CognitoUser user, String clientId, List<String> methods, Instant now) {
        user.failedSignIns = 0;
        user.lockedUntil = null;
        var refreshToken = Digests.base64Url(random.bytes(REFRESH_TOKEN_BYTES));
        var signIn = new SignInSession(
                random.uuid(),
                user.key(),
                clientId,
                now.truncatedTo(ChronoUnit.SECONDS),
                methods,
                now.plus(config.refreshTokenValidity()),
                refreshTokenHash(refreshToken));
        pruneSignIns(now);
        signIns.put(signIn.originJti, signIn);
        signInsByRefreshHash.put(signIn.refreshTokenHash, signIn.originJti);
        saveUsers();
        saveSignIns();
        var out = object();
        out.putObject("ChallengeParameters");
        out.set("AuthenticationResult", tokens(user, signIn, refreshToken, now));
        return out;
    }

    private ObjectNode refresh(String clientId, String refreshToken, boolean withChallengeParameters) {
        var hash = refreshTokenHash(refreshToken);
        synchronized (lock) {
            var now = now();
            var originJti = signInsByRefreshHash.get(hash);
            var signIn = originJti == null ? null : signIns.get(originJti);
            if (signIn == null || !signIn.clientId.equals(clientId)) {
                throw CognitoServiceException.notAuthorized(INVALID_REFRESH_TOKEN);
            }
            if (!hash.equals(signIn.refreshTokenHash)) {
                // A rotated-out token came back: it leaked or was copied, so the whole sign-in ends.
                removeSignIn(signIn);
                saveSignIns();
                throw CognitoServiceException.notAuthorized(INVALID_REFRESH_TOKEN);
            }
            if (!now.isBefore(signIn.refreshExpiresAt)) {
                throw CognitoServiceException.notAuthorized("Refresh Token has expired");
            }
            var user = users.get(signIn.userKey);
            if (user == null) {
                throw CognitoServiceException.notAuthorized(INVALID_REFRESH_TOKEN);
            }
            if (!user.enabled) {
                throw CognitoServiceException.notAuthorized(USER_DISABLED);
            }
            String rotated = null;
            if (config.refreshTokenRotation()) {
                // The new token keeps the sign-in's expiry: rotation must not extend a session forever.
                rotated = Digests.base64Url(random.bytes(REFRESH_TOKEN_BYTES));
                signIn.retiredRefreshTokenHashes.add(signIn.refreshTokenHash);
                signIn.refreshTokenHash = refreshTokenHash(rotated);
                signInsByRefreshHash.put(signIn.refreshTokenHash, signIn.originJti);
                saveSignIns();
            }
            var out = object();
            if (withChallengeParameters) {
                out.putObject("ChallengeParameters");
            }
            out.set("AuthenticationResult", tokens(user, signIn, rotated, now));
            return out;
        }
    }

    /** An AuthenticationResult: access and id tokens of the sign-in, and a refresh token when one is new. */
    private ObjectNode tokens(CognitoUser user, SignInSession signIn, String refreshToken, Instant now) {
        var issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        var eventId = random.uuid();
        var groups = List.copyOf(user.groups);

        var access = new JWTClaimsSet.Builder().subject(user.sub);
        if (!groups.isEmpty()) {
            access.claim("cognito:groups", groups);
        }
        access.issuer(issuer)
                .claim("client_id", signIn.clientId)
                .claim("origin_jti", signIn.originJti)
                .claim("event_id", eventId)
                .claim("token_use", "access")
                .claim("scope", ACCESS_SCOPE)
                .claim("auth_time", signIn.authTime.getEpochSecond())
                .expirationTime(Date.from(issuedAt.plus(config.accessTokenValidity())))
                .issueTime(Date.from(issuedAt))
                .jwtID(random.uuid())
                .claim("username", user.username)
                .claim("amr", signIn.authenticationMethods);

        var id = new JWTClaimsSet.Builder().subject(user.sub);
        if (!groups.isEmpty()) {
            id.claim("cognito:groups", groups);
        }
        user.attributes.forEach((name, value) ->
                id.claim(name, name.endsWith("_verified") ? (Object) Boolean.parseBoolean(value) : value));
        id.issuer(issuer)
                .claim("cognito:username", user.username)
                .claim("origin_jti", signIn.originJti)
                .audience(signIn.clientId)
                .claim("event_id", eventId)
                .claim("token_use", "id")
                .claim("auth_time", signIn.authTime.getEpochSecond())
                .expirationTime(Date.from(issuedAt.plus(config.idTokenValidity())))
                .issueTime(Date.from(issuedAt))
                .jwtID(random.uuid())
                .claim("amr", signIn.authenticationMethods);

        var out = object();
        out.put("AccessToken", signingKey.sign(access.build()));
        out.put("ExpiresIn", config.accessTokenValidity().toSeconds());
        out.put("TokenType", "Bearer");
        if (refreshToken != null) {
            out.put("RefreshToken", refreshToken);
        }
        out.put("IdToken", signingKey.sign(id.build()));
        return out;
    }

    private record AccessToken(String subject, String originJti) {}

    /** The checks that need no state: signature, issuer, use, expiry. */
    private AccessToken verifiedAccessToken(String token) {
        JWTClaimsSet claims;
        try {
            var jwt = SignedJWT.parse(token);
            if (!signingKey.signed(jwt)) {
                throw CognitoServiceException.notAuthorized(INVALID_ACCESS_TOKEN);
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw CognitoServiceException.notAuthorized(INVALID_ACCESS_TOKEN);
        }
        var expires = claims.getExpirationTime();
        if (!issuer.equals(claims.getIssuer())
                || !"access".equals(claims.getClaim("token_use"))
                || !(claims.getClaim("origin_jti") instanceof String originJti)
                || claims.getSubject() == null
                || expires == null) {
            throw CognitoServiceException.notAuthorized(INVALID_ACCESS_TOKEN);
        }
        if (!now().isBefore(expires.toInstant())) {
            throw CognitoServiceException.notAuthorized("Access Token has expired");
        }
        return new AccessToken(claims.getSubject(), originJti);
    }

    /** The user of a verified access token whose sign-in still stands. Holds the lock. */
    private CognitoUser signedInUser(AccessToken token) {
        var signIn = signIns.get(token.originJti());
        if (signIn == null) {
            throw CognitoServiceException.notAuthorized("Access Token has been revoked");
        }
        var user = users.get(signIn.userKey);
        if (user == null || !user.sub.equals(token.subject())) {
            throw CognitoServiceException.notAuthorized(INVALID_ACCESS_TOKEN);
        }
        if (!user.enabled) {
            throw CognitoServiceException.notAuthorized(USER_DISABLED);
        }
        return user;
    }

    /** Holds the lock. */
    private void revokeSignIns(String userKey) {
        List.copyOf(signIns.values()).stream()
                .filter(s -> s.userKey.equals(userKey))
                .forEach(this::removeSignIn);
    }

    /** Holds the lock. */
    private void removeSignIn(SignInSession signIn) {
        signIns.remove(signIn.originJti);
        signInsByRefreshHash.remove(signIn.refreshTokenHash);
        signIn.retiredRefreshTokenHashes.forEach(signInsByRefreshHash::remove);
    }

    /** Forgets sign-ins whose refresh token and last access or id token have all expired. Holds the lock. */
    private void pruneSignIns(Instant now) {
        var longestToken = config.accessTokenValidity().compareTo(config.idTokenValidity()) > 0
                ? config.accessTokenValidity()
                : config.idTokenValidity();
        List.copyOf(signIns.values()).stream()
                .filter(s -> now.isAfter(s.refreshExpiresAt.plus(longestToken)))
                .forEach(this::removeSignIn);
    }

    private static String refreshTokenHash(String refreshToken) {
        return Digests.hex(Digests.sha256(refreshToken));
    }

    // ---- Passwords, MFA, lockout ----

    private void requireAcceptablePassword(String password) {
        if (password.length() > 256) {
            throw CognitoServiceException.invalidParameter("1 validation error detected: Value at 'password' "
                    + "failed to satisfy constraint: Member must have length less than or equal to 256");
        }
        if (Character.isWhitespace(password.charAt(0))
                || Character.isWhitespace(password.charAt(password.length() - 1))) {
            throw CognitoServiceException.invalidParameter(
                    "1 validation error detected: Value at 'password' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$");
        }
        config.passwordPolicy().violation(password).ifPresent(rule -> {
            throw new CognitoServiceException(
                    "InvalidPasswordException", "Password did not conform with policy: " + rule);
        });
    }

    private PasswordHash hashPassword(String password) {
        return PasswordHash.of(password, random.bytes(PasswordHash.SALT_BYTES));
    }

    private PasswordHash decoyPassword() {
        var decoy = decoyPassword;
        if (decoy == null) {
            decoy = hashPassword(Digests.base64Url(random.bytes(32)));
            decoyPassword = decoy;
        }
        return decoy;
    }

    /** Holds the lock. */
    private void recordFailedSignIn(CognitoUser user, Instant now) {
        if (++user.failedSignIns >= config.lockoutThreshold()) {
            user.lockedUntil = now.plus(config.lockoutDuration());
            user.failedSignIns = 0;
        }
        saveUsers();
    }

    /** Holds the lock. */
    private static void releaseExpiredLockout(CognitoUser user, Instant now) {
        if (user.lockedUntil != null && !now.isBefore(user.lockedUntil)) {
            user.lockedUntil = null;
            user.failedSignIns = 0;
        }
    }

    private void requireSoftwareTokenMfa() {
        if (!config.softwareTokenMfaEnabled()) {
            throw new CognitoServiceException(
                    "SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool.");
        }
    }

    /**
     * The time step of a code valid now or one step either side, if that step is later than the last one
     * spent; a code is never accepted twice. All three steps are computed, whatever matches.
     */
    private static OptionalLong acceptedStep(byte[] secret, String code, long lastSpentStep, Instant now) {
        if (!SIX_DIGITS.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        var given = code.getBytes(StandardCharsets.US_ASCII);
        var current = Totp.step(now);
        var accepted = OptionalLong.empty();
        for (long step = current - 1; step <= current + 1; step++) {
            var matches = MessageDigest.isEqual(Totp.code(secret, step).getBytes(StandardCharsets.US_ASCII), given);
            if (matches && step > lastSpentStep && accepted.isEmpty()) {
                accepted = OptionalLong.of(step);
            }
        }
        return accepted;
    }

    /** Holds the lock. */
    private void enroll(CognitoUser user, byte[] secret, long spentStep, Instant now) {
        user.totpSecret = secret;
        user.lastTotpStep = spentStep;
        user.pendingTotpSecret = null;
        user.modifiedAt = now;
        saveUsers();
    }

    private static CognitoServiceException softwareTokenMismatch() {
        return new CognitoServiceException(
                "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
    }

    // ---- Request checks ----

    private void requirePool(JsonRequest request) {
        var id = request.requiredText("UserPoolId");
        if (!id.equals(userPoolId)) {
            throw new CognitoServiceException(
                    "ResourceNotFoundException",
                    "User pool " + (SHOWABLE_NAME.matcher(id).matches() ? id + " " : "") + "does not exist.");
        }
    }

    private String requireClient(String clientId) {
        if (!clientIdsByName.containsValue(clientId)) {
            throw new CognitoServiceException(
                    "ResourceNotFoundException",
                    "User pool client " + (SHOWABLE_NAME.matcher(clientId).matches() ? clientId + " " : "")
                            + "does not exist.");
        }
        return clientId;
    }

    private String clientName(String clientId) {
        return clientIdsByName.entrySet().stream()
                .filter(e -> e.getValue().equals(clientId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private String requireGroup(String group) {
        if (!config.groups().contains(group)) {
            throw new CognitoServiceException("ResourceNotFoundException", "Group not found.");
        }
        return group;
    }

    /** Holds the lock. */
    private CognitoUser requireUser(String username) {
        var user = users.get(CognitoUser.key(username));
        if (user == null) {
            throw CognitoServiceException.userNotFound();
        }
        return user;
    }

    private static String validUsername(String username) {
        if (!USERNAME.matcher(username).matches()) {
            throw CognitoServiceException.invalidParameter("1 validation error detected: Value at 'username' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
        }
        return username;
    }

    private static Map<String, String> validAttributes(Map<String, String> attributes) {
        for (var entry : attributes.entrySet()) {
            var name = entry.getKey();
            if (name.equals("sub")) {
                throw CognitoServiceException.invalidParameter("Cannot modify the non-mutable attribute sub");
            }
            if (!STANDARD_ATTRIBUTES.contains(name) && !(name.startsWith("custom:") && name.length() > 7)) {
                throw CognitoServiceException.invalidParameter("Attributes did not conform to the schema: "
                        + (SHOWABLE_NAME.matcher(name).matches() ? name + ": " : "")
                        + "Attribute does not exist in the schema.");
            }
            if (entry.getValue().length() > MAX_ATTRIBUTE_LENGTH) {
                throw CognitoServiceException.invalidParameter("Attributes did not conform to the schema: " + name
                        + ": String must be no longer than " + MAX_ATTRIBUTE_LENGTH + " characters");
            }
        }
        return attributes;
    }

    private static String required(Map<String, String> parameters, String name) {
        var value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw CognitoServiceException.invalidParameter("Missing required parameter " + name);
        }
        return value;
    }

    /** ListUsers' {@code Filter}: {@code attribute = "value"} or {@code attribute ^= "prefix"}. */
    private static Predicate<CognitoUser> userFilter(String filter) {
        var matcher = FILTER.matcher(filter);
        if (!matcher.matches()) {
            throw CognitoServiceException.invalidParameter("Error while parsing filter.");
        }
        var attribute = matcher.group(1);
        if (!SEARCHABLE_ATTRIBUTES.contains(attribute)) {
            throw CognitoServiceException.invalidParameter("Invalid search attribute.");
        }
        var prefix = matcher.group(2).equals("^=");
        var wanted = matcher.group(3).replaceAll("\\\\(.)", "$1");
        Function<CognitoUser, String> value =
                switch (attribute) {
                    case "username" -> user -> user.username;
                    case "sub" -> user -> user.sub;
                    case "cognito:user_status" -> user -> user.status.name();
                    case "status" -> user -> user.enabled ? "Enabled" : "Disabled";
                    default -> user -> user.attributes.get(attribute);
                };
        return user -> {
            var actual = value.apply(user);
            return actual != null && (prefix ? actual.startsWith(wanted) : actual.equals(wanted));
        };
    }

    private static int pageSize(int limit) {
        return limit == 0 ? MAX_PAGE : limit;
    }

    /** One page of items sorted by key; the token (the last key, encoded) goes to {@code tokenMember}. */
    private static <T> List<T> page(
            List<T> sorted,
            Function<T, String> key,
            Optional<String> after,
            int limit,
            ObjectNode out,
            String tokenMember) {
        var start = 0;
        if (after.isPresent()) {
            String afterKey;
            try {
                afterKey = new String(Base64.getUrlDecoder().decode(after.get()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw CognitoServiceException.invalidParameter("Invalid pagination token.");
            }
            while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(afterKey) <= 0) {
                start++;
            }
        }
        var end = Math.min(sorted.size(), start + limit);
        var page = sorted.subList(start, end);
        if (end < sorted.size()) {
            out.put(
                    tokenMember,
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(key.apply(sorted.get(end - 1)).getBytes(StandardCharsets.UTF_8)));
        }
        return page;
    }

    // ---- Response shapes ----

    private ObjectNode object() {
        return json.createObjectNode();
    }

    /** The AWS JSON protocol's timestamps: epoch seconds. */
    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    /** Holds the lock. */
    private ObjectNode userType(CognitoUser user, Set<String> only) {
        var out = object();
        out.put("Username", user.username);
        out.set("Attributes", attributeArray(user, only));
        out.put("UserCreateDate", seconds(user.createdAt));
        out.put("UserLastModifiedDate", seconds(user.modifiedAt));
        out.put("Enabled", user.enabled);
        out.put("UserStatus", user.status.name());
        return out;
    }

    /** Holds the lock. */
    private ArrayNode attributeArray(CognitoUser user, Set<String> only) {
        var array = json.createArrayNode();
        var all = new LinkedHashMap<String, String>();
        all.put("sub", user.sub);
        all.putAll(user.attributes);
        all.forEach((name, value) -> {
            if (only == null || only.contains(name)) {
                array.addObject().put("Name", name).put("Value", value);
            }
        });
        return array;
    }

    private static void putMfaSettings(ObjectNode out, CognitoUser user) {
        if (user.totpSecret != null) {
            out.put("PreferredMfaSetting", SOFTWARE_TOKEN_MFA);
            out.putArray("UserMFASettingList").add(SOFTWARE_TOKEN_MFA);
        }
    }

    private ObjectNode groupType(String group) {
        var out = object();
        out.put("GroupName", group);
        out.put("UserPoolId", userPoolId);
        out.put("LastModifiedDate", seconds(poolCreatedAt));
        out.put("CreationDate", seconds(poolCreatedAt));
        return out;
    }

    // ---- Ids ----

    /** Derived from region and name, so that the id is the same on every fresh start too. */
    private static String derivedPoolId(String region, String poolName) {
        var digest = Digests.sha256("cognito-user-pool|" + region + "|" + poolName);
        return region + "_" + charactersOf(digest, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 9);
    }

    private static String derivedClientId(String userPoolId, String clientName) {
        var digest = Digests.sha256("cognito-user-pool-client|" + userPoolId + "|" + clientName);
        return charactersOf(digest, "abcdefghijklmnopqrstuvwxyz0123456789", 26);
    }

    private static String charactersOf(byte[] digest, String alphabet, int length) {
        var out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
        }
        return out.toString();
    }

    // ---- Persistence (holds the lock) ----

    private Instant now() {
        return clock.instant();
    }

    private void saveUsers() {
        store.saveUsers(users.values().stream().map(LocalCognito::stored).toList());
    }

    private void saveSignIns() {
        store.saveSignIns(signIns.values().stream().map(LocalCognito::stored).toList());
    }

    private static StoredUser stored(CognitoUser user) {
        return new StoredUser(
                user.username,
                user.sub,
                new LinkedHashMap<>(user.attributes),
                user.status.name(),
                user.enabled,
                user.password.encoded(),
                millis(user.temporaryPasswordExpiresAt),
                List.copyOf(user.groups),
                user.totpSecret == null ? null : Base32.encode(user.totpSecret),
                user.pendingTotpSecret == null ? null : Base32.encode(user.pendingTotpSecret),
                user.lastTotpStep,
                user.failedSignIns,
                millis(user.lockedUntil),
                user.createdAt.toEpochMilli(),
                user.modifiedAt.toEpochMilli());
    }

    private static StoredSignIn stored(SignInSession signIn) {
        return new StoredSignIn(
                signIn.originJti,
                signIn.userKey,
                signIn.clientId,
                signIn.authTime.toEpochMilli(),
                signIn.authenticationMethods,
                signIn.refreshExpiresAt.toEpochMilli(),
                signIn.refreshTokenHash,
                List.copyOf(signIn.retiredRefreshTokenHashes));
    }

    private void restoreUser(StoredUser stored) {
        var user = new CognitoUser(stored.username(), stored.sub(), Instant.ofEpochMilli(stored.createdAtMillis()));
        user.attributes.putAll(stored.attributes());
        // Groups removed from the template are dropped from users too.
        stored.groups().stream().filter(config.groups()::contains).forEach(user.groups::add);
        user.status = Status.valueOf(stored.status());
        user.enabled = stored.enabled();
        user.password = PasswordHash.parse(stored.passwordHash());
        user.temporaryPasswordExpiresAt = instant(stored.temporaryPasswordExpiresAtMillis());
        user.totpSecret = stored.totpSecret() == null ? null : Base32.decode(stored.totpSecret());
        user.pendingTotpSecret = stored.pendingTotpSecret() == null ? null : Base32.decode(stored.pendingTotpSecret());
        user.lastTotpStep = stored.lastTotpStep();
        user.failedSignIns = stored.failedSignIns();
        user.lockedUntil = instant(stored.lockedUntilMillis());
        user.modifiedAt = Instant.ofEpochMilli(stored.modifiedAtMillis());
        users.put(user.key(), user);
    }

    private void restoreSignIn(StoredSignIn stored) {
        if (!clientIdsByName.containsValue(stored.clientId()) || !users.containsKey(stored.userKey())) {
            return;
        }
        var signIn = new SignInSession(
                stored.originJti(),
                stored.userKey(),
                stored.clientId(),
                Instant.ofEpochMilli(stored.authTimeMillis()),
                stored.authenticationMethods(),
                Instant.ofEpochMilli(stored.refreshExpiresAtMillis()),
                stored.refreshTokenHash());
        signIn.retiredRefreshTokenHashes.addAll(stored.retiredRefreshTokenHashes());
        signIns.put(signIn.originJti, signIn);
        signInsByRefreshHash.put(signIn.refreshTokenHash, signIn.originJti);
        signIn.retiredRefreshTokenHashes.forEach(hash -> signInsByRefreshHash.put(hash, signIn.originJti));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public String toString() {
        return "LocalCognito[userPoolId=" + userPoolId + ", issuer=" + issuer + "]";
    }
}
