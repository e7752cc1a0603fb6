package com.safebook.core.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * Checks digests with the signing key's public half, using only the JDK. KMS signs the SHA-256
 * of the digest's text ({@code MessageType: DIGEST}), which is what {@code SHA256withECDSA} computes
 * over the text itself.
 */
public final class PublicKeySignatureCheck implements SignatureCheck {
    private static final Map<String, String> JCA_NAMES = Map.of(
            "ECDSA_SHA_256", "SHA256withECDSA",
            "ECDSA_SHA_384", "SHA384withECDSA",
            "RSASSA_PKCS1_V1_5_SHA_256", "SHA256withRSA");

    private final PublicKey key;

    public PublicKeySignatureCheck(PublicKey key) {
        this.key = key;
    }

    /** From a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), as {@code GetPublicKey} returns it in DER. */
    public static PublicKeySignatureCheck fromPem(String pem) {
        var base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        var der = Base64.getDecoder().decode(base64);
        for (var algorithm : new String[] {"EC", "RSA"}) {
            try {
                return new PublicKeySignatureCheck(
                        KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                // Not this algorithm's key; try the next.
            }
        }
        throw new IllegalArgumentException("The public key is neither an EC nor an RSA key in X.509 form");
    }

    public static String toPem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Override
    public boolean isValid(Digest digest) {
        var name = JCA_NAMES.get(digest.signingAlgorithm());
        if (name == null || digest.signature().isEmpty()) {
            return false;
        }
        try {
            var verifier = Signature.getInstance(name);
            verifier.initVerify(key);
            verifier.update(digest.signedText().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(digest.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
