package com.safebook.aws.crypto;

import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Priming of the metrics a function flushes on its ordinary path (the staff function counts every
 * read of personal data): Powertools' metrics instance, and one embedded-metric-format document
 * built and serialized, which loads the library's model and its JSON mapping. Nothing is written:
 * a flush would print the document to standard output, where CloudWatch would count it.
 */
public final class MetricsPriming {
    private MetricsPriming() {}

    public static void prime() throws Exception {
        MetricsFactory.getMetricsInstance();
        var document = new MetricsContext();
        document.setNamespace(PowertoolsSecurityMetrics.NAMESPACE);
        document.putDimension(DimensionSet.of("Service", "priming"));
        document.putMetric(PowertoolsSecurityMetrics.STAFF_PERSONAL_DATA_READS, 1, Unit.COUNT);
        document.serialize();
    }
}
