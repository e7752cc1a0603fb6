package com.safebook.aws.testing;

import com.safebook.aws.crypto.SecurityMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Security metrics kept in memory, to assert that an event was reported. */
public final class CountingSecurityMetrics implements SecurityMetrics {
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    @Override
    public void ciphertextRejected(String table, String attribute) {
        rejected.add(table + "/" + attribute);
    }

    public List<String> rejectedCiphertexts() {
        return List.copyOf(rejected);
    }
}
