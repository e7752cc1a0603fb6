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

    @Inject
    public PowertoolsSecurityMetrics() {}

    @Override
    public void ciphertextRejected(String table, String attribute) {
        // Dimensioned by the function (Powertools' Service) only, so the template's alarm matches it;
        // which table and attribute go in the log line that says what was rejected.
        LOG.error("A stored ciphertext failed authentication: table {}, attribute {}", table, attribute);
        MetricsFactory.getMetricsInstance().flushSingleMetric(CIPHERTEXT_REJECTED, 1, MetricUnit.COUNT, NAMESPACE);
    }

    @Override
    public void auditWriteFailed() {
        MetricsFactory.getMetricsInstance().flushSingleMetric(AUDIT_WRITE_FAILED, 1, MetricUnit.COUNT, NAMESPACE);
    }
}
