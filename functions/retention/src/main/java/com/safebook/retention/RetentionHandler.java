package com.safebook.retention;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.safebook.aws.events.DynamodbEventJson;
import com.safebook.aws.snapstart.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/** The retention worker: audits each deletion DynamoDB's TTL made, from the tables' streams. */
public final class RetentionHandler implements RequestStreamHandler, Resource {
    private final ExpiryStream stream;
    private final SnapStartPriming priming;

    /**
     * Lambda's entry: the object graph is built once, in the init phase, while a second thread primes
     * the first request's path; the rest is primed before a SnapStart snapshot.
     */
    public RetentionHandler() {
        this(DaggerRetentionComponent.create());
        Core.getGlobalContext().register(this);
    }

    RetentionHandler(RetentionComponent component) {
        this.priming = component.snapStartPriming();
        priming.startAlongsideInit();
        this.stream = component.stream();
    }

    /** Lambda's invocation: the stream batch's JSON in, the failures' JSON out, by the project's own codec. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        DynamodbEventJson.writeResponse(handleRequest(DynamodbEventJson.readEvent(input), context), output);
    }

    /** The same invocation, for callers in the JVM that hold the event already. */
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return stream.handle(event);
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
