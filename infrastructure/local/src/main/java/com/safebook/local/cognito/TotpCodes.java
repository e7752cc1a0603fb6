package com.safebook.local.cognito;

import java.time.Instant;

/**
 * The code an authenticator app shows for a Base32 secret, for callers outside this package: the browser
 * tests, and the training run of the ahead-of-time cache, which signs a staff member in.
 */
public final class TotpCodes {
    private TotpCodes() {}

    public static String code(String base32Secret, Instant at) {
        return Totp.code(Base32.decode(base32Secret), Totp.step(at));
    }
}
