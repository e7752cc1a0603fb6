package com.safebook.core.audit.integrity;

/** Whether a digest's signature is valid; offline, with the exported public key. */
@FunctionalInterface
public interface SignatureCheck {
    boolean isValid(Digest digest);
}
