package com.safebook.aws.crypto;

import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Security events as CloudWatch metrics in the embedded metric format, flushed at once (they are
 * rare and must not wait for the end of the invocation); the template alarms on them.
 */
@Singleton
public final class PowertoolsSecurityMetrics implements SecurityMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(PowertoolsSecurityMetrics.class);
    public static final String NAMESPACE = "SafeBook";
    public static final String CIPHERTEXT_REJECTED = "CiphertextRejected";
    public static final String AUDIT_WRITE_FAILED = "AuditWriteFailed";
    public static final String ACCESS_DENIED = "AccessDenied";
    public static final String UNAUTHENTICATED = "Unauthenticated";
    public static final String DEPENDENCY_UNAVAILABLE = "DependencyUnavailable";
    public static final String STAFF_PERSONAL_DATA_READS = "StaffPersonalDataReads";
    public static final String AUDIT_VERIFICATION_FAILED = "AuditVerificationFailed";

    @Inject
    public PowertoolsSecurityMetrics() {}

    @Override
    public void ciphertextRejected(String table, String attribute) {
        // Dimensioned by the function (Powertools' Service) only, so the template's alarm matches it;
        // which table and attribute go in the log line that says what was rejected.
        LOG.error("A stored ciphertext failed authentication: table {}, attribute {}", table, attribute);
        count(CIPHERTEXT_REJECTED);
    }

    @Override
    public void auditWriteFailed() {
        count(AUDIT_WRITE_FAILED);
    }

    @Override
    public void accessRefused(boolean authenticated) {
        count(authenticated ? ACCESS_DENIED : UNAUTHENTICATED);
    }

    @Override
    public void dependencyUnavailable() {
        count(DEPENDENCY_UNAVAILABLE);
    }

    @Override
    public void staffReadPersonalData() {
        count(STAFF_PERSONAL_DATA_READS);
    }

    @Override
    public void auditVerificationFailed() {
        count(AUDIT_VERIFICATION_FAILED);
    }

    private static void count(String metric) {
        MetricsFactory.getMetricsInstance().flushSingleMetric(metric, 1, MetricUnit.COUNT, NAMESPACE);
    }
}
