package com.safebook.aws.testing;

import com.safebook.aws.crypto.KeyService;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key service in memory: data keys wrapped with AES-GCM under a master key, the encryption
 * context bound as authenticated data, as KMS does. Counts its calls and can be told to fail.
 */
public final class InMemoryKeyService implements KeyService {
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec master;
    private final AtomicInteger generated = new AtomicInteger();
    private final AtomicInteger unwrapped = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public InMemoryKeyService() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        master = new SecretKeySpec(bytes, "AES");
    }

    @Override
    public DataKey generate(Map<String, String> encryptionContext) {
        failIfTold();
        generated.incrementAndGet();
        var key = new byte[32];
        random.nextBytes(key);
        var iv = new byte[12];
        random.nextBytes(iv);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(encryptionContext));
            var sealed = cipher.doFinal(key);
            return new DataKey(
                    new SecretKeySpec(key, "AES"),
                    ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SecretKeySpec unwrap(byte[] wrapped, Map<String, String> encryptionContext) {
        failIfTold();
        unwrapped.incrementAndGet();
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, wrapped, 0, 12));
            cipher.updateAAD(aad(encryptionContext));
            return new SecretKeySpec(cipher.doFinal(wrapped, 12, wrapped.length - 12), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("InvalidCiphertextException", e);
        }
    }

    /** Every call fails with {@code failure} until {@link #recover()}. */
    public void failWith(RuntimeException failure) {
        this.failure.set(failure);
    }

    public void recover() {
        failure.set(null);
    }

    public int generateCalls() {
        return generated.get();
    }

    public int unwrapCalls() {
        return unwrapped.get();
    }

    private void failIfTold() {
        var f = failure.get();
        if (f != null) {
            throw f;
        }
    }

    private static byte[] aad(Map<String, String> context) {
        return new TreeMap<>(context).toString().getBytes(StandardCharsets.UTF_8);
    }
}
