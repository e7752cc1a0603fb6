package com.safebook.local.kms;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * RSASSA-PSS over a digest the caller already computed (KMS {@code MessageType=DIGEST}), per RFC 8017
 * section 8.1 and 9.1, with MGF1 over the same hash and a salt as long as the hash, as KMS does. The JDK's
 * RSASSA-PSS signature always hashes the message itself, so only the encoding is done here and the RSA
 * primitive is the JDK's.
 */
final class PssEncoding {
    private static final byte TRAILER = (byte) 0xbc;

    private PssEncoding() {}

    static byte[] sign(RSAPrivateKey key, String digestName, byte[] messageHash, SecureRandom random)
            throws GeneralSecurityException {
        int emBits = key.getModulus().bitLength() - 1;
        var encoded = encode(digestName, messageHash, emBits, random);
        var rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.ENCRYPT_MODE, key);
        return rsa.doFinal(encoded);
    }

    static boolean verify(RSAPublicKey key, String digestName, byte[] messageHash, byte[] signature)
            throws GeneralSecurityException {
        var modulus = key.getModulus();
        int k = (modulus.bitLength() + 7) / 8;
        if (signature.length != k || new BigInteger(1, signature).compareTo(modulus) >= 0) {
            return false;
        }
        var rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.DECRYPT_MODE, key);
        var m = rsa.doFinal(signature);
        int emBits = modulus.bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        for (int i = 0; i < m.length - emLen; i++) {
            if (m[i] != 0) {
                return false;
            }
        }
        return matches(digestName, messageHash, Arrays.copyOfRange(m, m.length - emLen, m.length), emBits);
    }

    static byte[] encode(String digestName, byte[] messageHash, int emBits, SecureRandom random)
            throws GeneralSecurityException {
        int hLen = messageHash.length;
        int sLen = hLen;
        int emLen = (emBits + 7) / 8;
        if (emLen < hLen + sLen + 2) {
            throw new GeneralSecurityException("Key too short for PSS with this hash");
        }
        var salt = new byte[sLen];
        random.nextBytes(salt);
        var h = hashWithSalt(digestName, messageHash, salt);
        var db = new byte[emLen - hLen - 1];
        db[db.length - sLen - 1] = 0x01;
        System.arraycopy(salt, 0, db, db.length - sLen, sLen);
        var mask = mgf1(digestName, h, db.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        var em = new byte[emLen];
        System.arraycopy(db, 0, em, 0, db.length);
        System.arraycopy(h, 0, em, db.length, hLen);
        em[emLen - 1] = TRAILER;
        return em;
    }

    static boolean matches(String digestName, byte[] messageHash, byte[] em, int emBits)
            throws GeneralSecurityException {
        int hLen = messageHash.length;
        int sLen = hLen;
        int emLen = em.length;
        if (emLen < hLen + sLen + 2 || em[emLen - 1] != TRAILER) {
            return false;
        }
        int zeroBits = 8 * emLen - emBits;
        var db = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
        var h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
        if ((db[0] & 0xff & ~(0xff >>> zeroBits)) != 0) {
            return false;
        }
        var mask = mgf1(digestName, h, db.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xff >>> zeroBits);
        int separator = emLen - hLen - sLen - 2;
        for (int i = 0; i < separator; i++) {
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[separator] != 0x01) {
            return false;
        }
        var salt = Arrays.copyOfRange(db, db.length - sLen, db.length);
        return MessageDigest.isEqual(h, hashWithSalt(digestName, messageHash, salt));
    }

    private static byte[] hashWithSalt(String digestName, byte[] messageHash, byte[] salt)
            throws GeneralSecurityException {
        var digest = MessageDigest.getInstance(digestName);
        digest.update(new byte[8]);
        digest.update(messageHash);
        digest.update(salt);
        return digest.digest();
    }

    private static byte[] mgf1(String digestName, byte[] seed, int length) throws GeneralSecurityException {
        var digest = MessageDigest.getInstance(digestName);
        var out = new byte[length];
        int filled = 0;
        for (int counter = 0; filled < length; counter++) {
            digest.update(seed);
            digest.update(
                    new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter
                    });
            var block = digest.digest();
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }
}
