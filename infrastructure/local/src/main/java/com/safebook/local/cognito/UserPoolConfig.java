package com.safebook.local.cognito;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Cognito user pool enforces, as the {@code AWS::Cognito::UserPool} and
 * {@code AWS::Cognito::UserPoolClient} resources of template.yaml declare it. The ranges checked here are
 * Cognito's own, so a configuration the emulator accepts is one CloudFormation would accept too.
 *
 * @param poolName the pool's {@code UserPoolName}
 * @param passwordPolicy {@code Policies.PasswordPolicy}
 * @param mfaConfiguration {@code MfaConfiguration}
 * @param softwareTokenMfaEnabled whether {@code EnabledMfas} has {@code SOFTWARE_TOKEN_MFA}; the emulator has
 *     no SMS or email MFA, so a pool with MFA on must enable it
 * @param adminCreateUserOnly {@code AdminCreateUserConfig.AllowAdminCreateUserOnly}
 * @param groups the names of the pool's {@code AWS::Cognito::UserPoolGroup}s
 * @param appClients the names of the pool's app clients; all are public clients (no secret)
 * @param accessTokenValidity of every client's access tokens
 * @param idTokenValidity of every client's id tokens
 * @param refreshTokenValidity of every client's refresh tokens, counted from sign-in
 * @param refreshTokenRotation whether a refresh hands out a new refresh token and retires the old one
 * @param lockoutThreshold failed sign-ins (passwords or MFA codes) in a row that lock the user out
 * @param lockoutDuration how long a lockout lasts
 * @param authSessionValidity how long a challenge session lasts ({@code AuthSessionValidity})
 * @param temporaryPasswordValidity {@code TemporaryPasswordValidityDays}, as a duration
 */
public record UserPoolConfig(
        String poolName,
        PasswordPolicy passwordPolicy,
        MfaConfiguration mfaConfiguration,
        boolean softwareTokenMfaEnabled,
        boolean adminCreateUserOnly,
        List<String> groups,
        List<String> appClients,
        Duration accessTokenValidity,
        Duration idTokenValidity,
        Duration refreshTokenValidity,
        boolean refreshTokenRotation,
        int lockoutThreshold,
        Duration lockoutDuration,
        Duration authSessionValidity,
        Duration temporaryPasswordValidity) {

    /** Cognito's {@code MfaConfiguration}: {@code ON} means every user must sign in with MFA. */
    public enum MfaConfiguration {
        ON,
        OPTIONAL,
        OFF
    }

    /** Cognito's password policy: letters and digits are Basic Latin, symbols the ones Cognito lists. */
    public record PasswordPolicy(
            int minimumLength,
            boolean requireUppercase,
            boolean requireLowercase,
            boolean requireNumbers,
            boolean requireSymbols) {

        private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

        public PasswordPolicy {
            if (minimumLength < 6 || minimumLength > 99) {
                throw new IllegalArgumentException("Cognito's minimum password length is between 6 and 99");
            }
        }

        /** Every class required, at least {@code minimumLength} characters. */
        public static PasswordPolicy strict(int minimumLength) {
            return new PasswordPolicy(minimumLength, true, true, true, true);
        }

        /** Cognito's message for the first rule the password breaks; it never quotes the password. */
        Optional<String> violation(String password) {
            if (password.codePointCount(0, password.length()) < minimumLength) {
                return Optional.of("Password not long enough");
            }
            if (requireUppercase && password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
                return Optional.of("Password must have uppercase characters");
            }
            if (requireLowercase && password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
                return Optional.of("Password must have lowercase characters");
            }
            if (requireNumbers && password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
                return Optional.of("Password must have numeric characters");
            }
            if (requireSymbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
                return Optional.of("Password must have symbol characters");
            }
            return Optional.empty();
        }
    }

    public UserPoolConfig {
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(passwordPolicy, "passwordPolicy");
        Objects.requireNonNull(mfaConfiguration, "mfaConfiguration");
        groups = List.copyOf(groups);
        appClients = List.copyOf(appClients);
        if (poolName.isBlank() || poolName.length() > 128) {
            throw new IllegalArgumentException("A pool name has 1 to 128 characters");
        }
        if (mfaConfiguration == MfaConfiguration.ON && !softwareTokenMfaEnabled) {
            throw new IllegalArgumentException("MFA ON needs software token MFA: the emulator has no SMS or email");
        }
        requireDistinctNames(groups, "group");
        requireDistinctNames(appClients, "app client");
        if (appClients.isEmpty()) {
            throw new IllegalArgumentException("A pool needs at least one app client");
        }
        requireWithin(accessTokenValidity, Duration.ofMinutes(5), Duration.ofDays(1), "accessTokenValidity");
        requireWithin(idTokenValidity, Duration.ofMinutes(5), Duration.ofDays(1), "idTokenValidity");
        requireWithin(refreshTokenValidity, Duration.ofHours(1), Duration.ofDays(3650), "refreshTokenValidity");
        if (lockoutThreshold < 1) {
            throw new IllegalArgumentException("lockoutThreshold must be at least 1");
        }
        requireWithin(lockoutDuration, Duration.ofSeconds(1), Duration.ofDays(1), "lockoutDuration");
        requireWithin(authSessionValidity, Duration.ofMinutes(3), Duration.ofMinutes(15), "authSessionValidity");
        requireWithin(temporaryPasswordValidity, Duration.ofDays(1), Duration.ofDays(365), "temporaryPasswordValidity");
    }

    /**
     * SafeBook's staff pool: MFA required with TOTP, 12 characters of every class, no self sign-up, groups
     * {@code staff}, {@code admin} and {@code auditor}, one client {@code dashboard}, 15-minute access and id
     * tokens, 12-hour rotating refresh tokens, lockout for 15 minutes after 5 failed sign-ins.
     */
    public static UserPoolConfig defaults() {
        return new UserPoolConfig(
                "safebook-staff",
                PasswordPolicy.strict(12),
                MfaConfiguration.ON,
                true,
                true,
                List.of("staff", "admin", "auditor"),
                List.of("dashboard"),
                Duration.ofMinutes(15),
                Duration.ofMinutes(15),
                Duration.ofHours(12),
                true,
                5,
                Duration.ofMinutes(15),
                Duration.ofMinutes(3),
                Duration.ofDays(7));
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireDistinctNames(List<String> names, String what) {
        var seen = new HashSet<String>();
        for (var name : names) {
            if (name == null || name.isBlank() || name.length() > 128) {
                throw new IllegalArgumentException("A " + what + " name has 1 to 128 characters");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Duplicate " + what + " name: " + name);
            }
        }
    }

    private static void requireWithin(Duration value, Duration min, Duration max, String name) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
    }

    /** Changes some settings of a configuration; {@link #build()} checks the result. */
    public static final class Builder {
        private String poolName;
        private PasswordPolicy passwordPolicy;
        private MfaConfiguration mfaConfiguration;
        private boolean softwareTokenMfaEnabled;
        private boolean adminCreateUserOnly;
        private List<String> groups;
        private List<String> appClients;
        private Duration accessTokenValidity;
        private Duration idTokenValidity;
        private Duration refreshTokenValidity;
        private boolean refreshTokenRotation;
        private int lockoutThreshold;
        private Duration lockoutDuration;
        private Duration authSessionValidity;
        private Duration temporaryPasswordValidity;

        private Builder(UserPoolConfig from) {
            poolName = from.poolName;
            passwordPolicy = from.passwordPolicy;
            mfaConfiguration = from.mfaConfiguration;
            softwareTokenMfaEnabled = from.softwareTokenMfaEnabled;
            adminCreateUserOnly = from.adminCreateUserOnly;
            groups = from.groups;
            appClients = from.appClients;
            accessTokenValidity = from.accessTokenValidity;
            idTokenValidity = from.idTokenValidity;
            refreshTokenValidity = from.refreshTokenValidity;
            refreshTokenRotation = from.refreshTokenRotation;
            lockoutThreshold = from.lockoutThreshold;
            lockoutDuration = from.lockoutDuration;
            authSessionValidity = from.authSessionValidity;
            temporaryPasswordValidity = from.temporaryPasswordValidity;
        }

        public Builder poolName(String value) {
            poolName = value;
            return this;
        }

        public Builder passwordPolicy(PasswordPolicy value) {
            passwordPolicy = value;
            return this;
        }

        public Builder mfaConfiguration(MfaConfiguration value) {
            mfaConfiguration = value;
            return this;
        }

        public Builder softwareTokenMfaEnabled(boolean value) {
            softwareTokenMfaEnabled = value;
            return this;
        }

        public Builder adminCreateUserOnly(boolean value) {
            adminCreateUserOnly = value;
            return this;
        }

        public Builder groups(List<String> value) {
            groups = value;
            return this;
        }

        public Builder appClients(List<String> value) {
            appClients = value;
            return this;
        }

        public Builder accessTokenValidity(Duration value) {
            accessTokenValidity = value;
            return this;
        }

        public Builder idTokenValidity(Duration value) {
            idTokenValidity = value;
            return this;
        }

        public Builder refreshTokenValidity(Duration value) {
            refreshTokenValidity = value;
            return this;
        }

        public Builder refreshTokenRotation(boolean value) {
            refreshTokenRotation = value;
            return this;
        }

        public Builder lockoutThreshold(int value) {
            lockoutThreshold = value;
            return this;
        }

        public Builder lockoutDuration(Duration value) {
            lockoutDuration = value;
            return this;
        }

        public Builder authSessionValidity(Duration value) {
            authSessionValidity = value;
            return this;
        }

        public Builder temporaryPasswordValidity(Duration value) {
            temporaryPasswordValidity = value;
            return this;
        }

        public UserPoolConfig build() {
            return new UserPoolConfig(
                    poolName,
                    passwordPolicy,
                    mfaConfiguration,
                    softwareTokenMfaEnabled,
                    adminCreateUserOnly,
                    groups,
                    appClients,
                    accessTokenValidity,
                    idTokenValidity,
                    refreshTokenValidity,
                    refreshTokenRotation,
                    lockoutThreshold,
                    lockoutDuration,
                    authSessionValidity,
                    temporaryPasswordValidity);
        }
    }
}
