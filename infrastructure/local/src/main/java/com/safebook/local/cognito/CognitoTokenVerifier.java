package com.safebook.local.cognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the local API Gateway stand-in does in place of a REST API's Cognito user pool authorizer: it takes
 * the {@code Authorization} header, accepts a valid id token of the pool and hands the Lambda proxy
 * integration the claims as {@code requestContext.authorizer.claims}.
 *
 * <p>Like that authorizer on a method without OAuth scopes, it accepts id tokens only; access tokens are
 * refused. It checks the RS256 signature against the pool's JWKS, the issuer, {@code token_use}, that the
 * audience is an allowed app client and the expiry, with no leeway (the emulator and the stand-in share a
 * clock). Stricter than API Gateway, it also refuses tokens of a sign-in ended by GlobalSignOut or by
 * disabling the user, which the deployed authorizer would accept until they expire.
 *
 * <p>Claims come as API Gateway passes them: every value a string, {@code exp} and {@code iat} as
 * {@code "Sat Sep 28 14:03:31 UTC 2019"}, arrays ({@code cognito:groups}, {@code amr}) joined with commas.
 */
public final class CognitoTokenVerifier {
    /** How far in the future {@code iat} may be: none of the pool's tokens are, but clocks are not exact. */
    private static final Duration ISSUED_AT_SKEW = Duration.ofSeconds(5);

    private static final DateTimeFormatter API_GATEWAY_DATE = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** The outcome of {@link #verify(String)}: the claims, or why the stand-in answers 401. */
    public sealed interface Result permits Accepted, Rejected {}

    /** A valid token: its claims as API Gateway puts them in {@code requestContext.authorizer.claims}. */
    public record Accepted(Map<String, String> claims) implements Result {
        public Accepted {
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        }
    }

    /** An invalid token; the reason is for logs and never quotes the token. */
    public record Rejected(String reason) implements Result {}

    private final LocalCognito pool;
    private final Set<String> allowedClientIds;
    private final Clock clock;
    private final JWKSet keys;

    /** Accepts id tokens of every app client of the pool. */
    public CognitoTokenVerifier(LocalCognito pool, Clock clock) {
        this(pool, Set.copyOf(pool.clientIds()), clock);
    }

    /** Accepts id tokens whose audience is one of {@code allowedClientIds}. */
    public CognitoTokenVerifier(LocalCognito pool, Set<String> allowedClientIds, Clock clock) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.allowedClientIds = Set.copyOf(allowedClientIds);
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            // The pool's key never changes while it runs, so its JWKS is read once.
            this.keys = JWKSet.parse(pool.jwksJson(pool.userPoolId()).orElseThrow());
        } catch (ParseException e) {
            throw new IllegalStateException("The pool's JWKS does not parse", e);
        }
    }

    /** @param authorization the header's value: the id token, or {@code Bearer <id token>} */
    public Result verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Rejected("no token");
        }
        var token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Rejected("not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return new Rejected("algorithm is not RS256");
        }
        if (!(keys.getKeyByKeyId(jwt.getHeader().getKeyID()) instanceof RSAKey key)) {
            return new Rejected("unknown signing key");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                return new Rejected("bad signature");
            }
        } catch (JOSEException e) {
            return new Rejected("bad signature");
        }
        if (!pool.issuer().equals(claims.getIssuer())) {
            return new Rejected("wrong issuer");
        }
        if (!"id".equals(claims.getClaim("token_use"))) {
            return new Rejected("not an id token");
        }
        var audience = claims.getAudience();
        if (audience.size() != 1 || !allowedClientIds.contains(audience.getFirst())) {
            return new Rejected("audience is not an allowed app client");
        }
        var now = clock.instant();
        var expires = claims.getExpirationTime();
        var issued = claims.getIssueTime();
        if (expires == null || issued == null || !now.isBefore(expires.toInstant())) {
            return new Rejected("expired");
        }
        if (issued.toInstant().isAfter(now.plus(ISSUED_AT_SKEW))) {
            return new Rejected("issued in the future");
        }
        if (!(claims.getClaim("origin_jti") instanceof String originJti) || !pool.signInActive(originJti)) {
            return new Rejected("revoked");
        }
        return new Accepted(apiGatewayClaims(claims));
    }

    private static Map<String, String> apiGatewayClaims(JWTClaimsSet claims) {
        var out = new LinkedHashMap<String, String>();
        claims.getClaims().forEach((name, value) -> out.put(name, apiGatewayValue(value)));
        return out;
    }

    private static String apiGatewayValue(Object value) {
        return switch (value) {
            case null -> "";
            case Date date -> API_GATEWAY_DATE.format(date.toInstant());
            case Instant instant -> API_GATEWAY_DATE.format(instant);
            case Collection<?> items -> items.stream().map(String::valueOf).collect(Collectors.joining(","));
            default -> String.valueOf(value);
        };
    }

    @Override
    public String toString() {
        return "CognitoTokenVerifier[issuer=" + pool.issuer() + ", clients=" + allowedClientIds + "]";
    }
}
