package com.safebook.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.audit.integrity.SealAuditTrail;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly schedule: seals every settled record into signed digests. The scheduled event is read
 * as a plain map and ignored: the lambda-events {@code ScheduledEvent} would need Joda-Time in the
 * jar for a time this handler never reads.
 */
public final class AuditDigestHandler implements RequestHandler<Map<String, Object>, Integer>, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(AuditDigestHandler.class);
    private final SealAuditTrail seal;
    private final SnapStartPriming priming;

    /** Lambda's entry: the object graph is built once, in the init phase, and primed before a SnapStart snapshot. */
    public AuditDigestHandler() {
        this(DaggerAuditComponent.create());
        Core.getGlobalContext().register(this);
    }

    AuditDigestHandler(AuditComponent component) {
        this.seal = component.seal();
        this.priming = component.snapStartPriming();
    }

    /** Answers how many digests were written. */
    @Override
    public Integer handleRequest(Map<String, Object> event, Context context) {
        var digests = seal.seal();
        LOG.info(
                "Sealed {} digest(s) covering {} record(s)",
                digests.size(),
                digests.stream().mapToInt(d -> d.entries().size()).sum());
        return digests.size();
    }

    /** SnapStart: rehearse a first request, then forget every key, before the snapshot. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming.beforeCheckpoint(context);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        priming.afterRestore(context);
    }
}
