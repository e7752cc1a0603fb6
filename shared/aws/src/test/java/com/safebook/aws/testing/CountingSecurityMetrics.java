package com.safebook.aws.testing;

import com.safebook.aws.crypto.SecurityMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Security metrics kept in memory, to assert that an event was reported. */
public final class CountingSecurityMetrics implements SecurityMetrics {
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicInteger auditWriteFailures = new AtomicInteger();

    @Override
    public void ciphertextRejected(String table, String attribute) {
        rejected.add(table + "/" + attribute);
    }

    public List<String> rejectedCiphertexts() {
        return List.copyOf(rejected);
    }

    @Override
    public void auditWriteFailed() {
        auditWriteFailures.incrementAndGet();
    }

    public int auditWriteFailures() {
        return auditWriteFailures.get();
    }
}
