package com.safebook.local.cognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/**
 * The pool's RS256 signing key (2048 bits, as Cognito's), identified by its RFC 7638 thumbprint. The
 * private half never leaves this class except to be persisted.
 */
final class CognitoSigningKey {
    private final RSAKey key;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;

    private CognitoSigningKey(RSAKey key) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("A signing key needs its private half");
        }
        this.key = key;
        try {
            this.signer = new RSASSASigner(key);
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("Unusable RSA key", e);
        }
    }

    static CognitoSigningKey generate() {
        try {
            return new CognitoSigningKey(new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    static CognitoSigningKey fromPrivateJwk(String json) {
        try {
            return new CognitoSigningKey(RSAKey.parse(json));
        } catch (ParseException e) {
            throw new IllegalStateException("The stored signing key is not an RSA JWK");
        }
    }

    /** The private JWK, for the owner-only state file. */
    String privateJwk() {
        return key.toJSONString();
    }

    String keyId() {
        return key.getKeyID();
    }

    String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    String sign(JWTClaimsSet claims) {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jwt.serialize();
    }

    /** Whether this key made the signature: RS256 only, and the header names this key. */
    boolean signed(SignedJWT jwt) {
        var header = jwt.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || !key.getKeyID().equals(header.getKeyID())) {
            return false;
        }
        try {
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "CognitoSigningKey[kid=" + key.getKeyID() + "]";
    }
}
