package com.safebook.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.safebook.aws.snapstart.SnapStartPriming;
import com.safebook.core.audit.integrity.SealAuditTrail;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly schedule: seals every settled record into signed digests. A stream handler: the
 * scheduled event says nothing the seal needs, so it is not read, and the runtime's own
 * serialization never loads; the answer is the number of digests written, as JSON.
 */
public final class AuditDigestHandler implements RequestStreamHandler, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(AuditDigestHandler.class);
    private final SealAuditTrail seal;
    private final SnapStartPriming priming;

    /**
     * Lambda's entry: the object graph is built once, in the init phase, while a second thread primes
     * the first request's path; the rest is primed before a SnapStart snapshot.
     */
    public AuditDigestHandler() {
        this(DaggerAuditComponent.create());
        Core.getGlobalContext().register(this);
    }

    AuditDigestHandler(AuditComponent component) {
        this.priming = component.snapStartPriming();
        priming.startAlongsideInit();
        this.seal = component.seal();
    }

    /** Lambda's invocation: the event is left unread; the answer is how many digests were written. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(Integer.toString(seal()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Seals what has settled; answers how many digests were written. */
    public int seal() {
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
