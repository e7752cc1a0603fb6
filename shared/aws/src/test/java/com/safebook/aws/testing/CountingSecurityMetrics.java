package com.safebook.aws.testing;

import com.safebook.aws.crypto.SecurityMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Security metrics kept in memory, to assert that an event was reported. */
public final class CountingSecurityMetrics implements SecurityMetrics {
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicInteger auditWriteFailures = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();

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

    @Override
    public void accessRefused(boolean authenticated) {
        events.add(authenticated ? "AccessDenied" : "Unauthenticated");
    }

    @Override
    public void dependencyUnavailable() {
        events.add("DependencyUnavailable");
    }

    @Override
    public void staffReadPersonalData() {
        events.add("StaffPersonalDataReads");
    }

    @Override
    public void auditVerificationFailed() {
        events.add("AuditVerificationFailed");
    }

    /** The watched events reported, in order, by their metric names. */
    public List<String> events() {
        return List.copyOf(events);
    }
}
