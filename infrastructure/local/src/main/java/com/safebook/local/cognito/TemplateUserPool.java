package com.safebook.local.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.safebook.local.cognito.UserPoolConfig.MfaConfiguration;
import com.safebook.local.cognito.UserPoolConfig.PasswordPolicy;
import com.safebook.local.template.SamTemplate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The template's {@code AWS::Cognito::UserPool}, with the {@code UserPoolClient}s and {@code UserPoolGroup}s
 * that name it, read into the {@link UserPoolConfig} the local pool enforces. Absent properties take
 * Cognito's defaults. What the emulator cannot do the way the deployed pool would is refused here rather than
 * run differently: usernames that are email addresses, case-sensitive usernames (Cognito's default unless
 * {@code UsernameConfiguration} says otherwise), clients with a secret, clients with different token
 * lifetimes. The lockout, which a template cannot configure, keeps {@link UserPoolConfig#defaults()}.
 *
 * @param logicalId the pool's logical id, which {@code !Ref} and {@code !GetAtt} name
 * @param config what the pool enforces; its app clients are the clients' {@code ClientName}s (else logical
 *     ids), in template order
 */
public record TemplateUserPool(String logicalId, UserPoolConfig config) {
    private static final String POOL = "AWS::Cognito::UserPool";

    /** The template's user pool; empty if it has none. The local stack runs one pool, so more is refused. */
    public static Optional<TemplateUserPool> read(SamTemplate template) {
        var pools = template.resources(POOL);
        if (pools.size() > 1) {
            throw new IllegalArgumentException(
                    "The local stack runs one user pool; the template declares " + pools.keySet());
        }
        return pools.entrySet().stream()
                .findFirst()
                .map(pool -> new TemplateUserPool(pool.getKey(), config(template, pool.getKey(), pool.getValue())));
    }

    private static UserPoolConfig config(SamTemplate template, String poolId, JsonNode pool) {
        if (pool.has("UsernameAttributes")) {
            throw unsupported(poolId, "UsernameAttributes (an email or phone number as the username)");
        }
        // Cognito's API makes usernames case-sensitive unless the pool says otherwise; the emulator never is.
        if (flag(template, pool.path("UsernameConfiguration").path("CaseSensitive"), true)) {
            throw unsupported(poolId, "case-sensitive usernames (set UsernameConfiguration.CaseSensitive: false)");
        }
        var builder = UserPoolConfig.builder()
                .poolName(text(template, pool.path("UserPoolName")).orElse(poolId))
                .passwordPolicy(passwordPolicy(template, pool.path("Policies").path("PasswordPolicy")))
                .mfaConfiguration(MfaConfiguration.valueOf(text(template, pool.path("MfaConfiguration"))
                        .orElse("OFF")
                        .toUpperCase(Locale.ROOT)))
                .softwareTokenMfaEnabled(contains(template, pool.path("EnabledMfas"), "SOFTWARE_TOKEN_MFA"))
                .adminCreateUserOnly(
                        flag(template, pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly"), false))
                .temporaryPasswordValidity(Duration.ofDays(number(
                        template,
                        pool.path("Policies").path("PasswordPolicy").path("TemporaryPasswordValidityDays"),
                        7)))
                .groups(groups(template, poolId));
        var clients = template.resources("AWS::Cognito::UserPoolClient").entrySet().stream()
                .filter(client -> poolId.equals(
                        text(template, client.getValue().path("UserPoolId")).orElse("")))
                .toList();
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("The user pool " + poolId + " has no AWS::Cognito::UserPoolClient");
        }
        var names = new ArrayList<String>();
        ClientSettings settings = null;
        for (var client : clients) {
            var properties = client.getValue();
            if (flag(template, properties.path("GenerateSecret"), false)) {
                throw unsupported(client.getKey(), "GenerateSecret (the local pool's clients are public)");
            }
            names.add(text(template, properties.path("ClientName")).orElse(client.getKey()));
            var these = ClientSettings.of(template, properties);
            if (settings != null && !settings.equals(these)) {
                throw unsupported(client.getKey(), "token lifetimes, session or rotation that differ between clients");
            }
            settings = these;
        }
        return builder.appClients(names)
                .accessTokenValidity(settings.accessToken())
                .idTokenValidity(settings.idToken())
                .refreshTokenValidity(settings.refreshToken())
                .authSessionValidity(settings.authSession())
                .refreshTokenRotation(settings.rotation())
                .build();
    }

    /** What the emulator applies to every client of the pool alike. */
    private record ClientSettings(
            Duration accessToken, Duration idToken, Duration refreshToken, Duration authSession, boolean rotation) {

        static ClientSettings of(SamTemplate template, JsonNode client) {
            var units = client.path("TokenValidityUnits");
            return new ClientSettings(
                    validity(template, client.path("AccessTokenValidity"), units.path("AccessToken"), 60, "minutes"),
                    validity(template, client.path("IdTokenValidity"), units.path("IdToken"), 60, "minutes"),
                    validity(template, client.path("RefreshTokenValidity"), units.path("RefreshToken"), 30, "days"),
                    Duration.ofMinutes(number(template, client.path("AuthSessionValidity"), 3)),
                    text(template, client.path("RefreshTokenRotation").path("Feature"))
                            .map("ENABLED"::equalsIgnoreCase)
                            .orElse(false));
        }

        /** A validity in its unit; without a value, Cognito's default, which is in the default's unit. */
        private static Duration validity(
                SamTemplate template, JsonNode value, JsonNode unit, long defaultValue, String defaultUnit) {
            if (value.isMissingNode()) {
                return Duration.of(defaultValue, chronoUnit(defaultUnit));
            }
            var unitName = text(template, unit).orElse(defaultUnit.equals("days") ? "days" : "hours");
            return Duration.of(number(template, value, 0), chronoUnit(unitName));
        }

        private static ChronoUnit chronoUnit(String unit) {
            return switch (unit.toLowerCase(Locale.ROOT)) {
                case "seconds" -> ChronoUnit.SECONDS;
                case "minutes" -> ChronoUnit.MINUTES;
                case "hours" -> ChronoUnit.HOURS;
                case "days" -> ChronoUnit.DAYS;
                default -> throw new IllegalArgumentException("Not a token validity unit: " + unit);
            };
        }
    }

    /** Without a policy, Cognito asks for 8 characters of every class; a declared policy's absent rules are off. */
    private static PasswordPolicy passwordPolicy(SamTemplate template, JsonNode policy) {
        if (policy.isMissingNode()) {
            return PasswordPolicy.strict(8);
        }
        return new PasswordPolicy(
                Math.toIntExact(number(template, policy.path("MinimumLength"), 8)),
                flag(template, policy.path("RequireUppercase"), false),
                flag(template, policy.path("RequireLowercase"), false),
                flag(template, policy.path("RequireNumbers"), false),
                flag(template, policy.path("RequireSymbols"), false));
    }

    private static List<String> groups(SamTemplate template, String poolId) {
        var groups = new ArrayList<String>();
        template.resources("AWS::Cognito::UserPoolGroup").forEach((id, group) -> {
            if (poolId.equals(text(template, group.path("UserPoolId")).orElse(""))) {
                groups.add(text(template, group.path("GroupName")).orElse(id));
            }
        });
        return groups;
    }

    private static Optional<String> text(SamTemplate template, JsonNode value) {
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(template.resolve(value));
    }

    private static long number(SamTemplate template, JsonNode value, long absent) {
        return text(template, value)
                .map(t -> new BigDecimal(t).longValueExact())
                .orElse(absent);
    }

    private static boolean flag(SamTemplate template, JsonNode value, boolean absent) {
        return text(template, value).map(Boolean::parseBoolean).orElse(absent);
    }

    private static boolean contains(SamTemplate template, JsonNode values, String wanted) {
        for (var value : values) {
            if (wanted.equals(template.resolve(value))) {
                return true;
            }
        }
        return false;
    }

    private static IllegalArgumentException unsupported(String logicalId, String what) {
        return new IllegalArgumentException(logicalId + ": the local user pool does not emulate " + what);
    }
}
