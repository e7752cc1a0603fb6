package com.safebook.retention;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.safebook.aws.snapstart.SnapStartPriming;
import org.crac.Core;
import org.crac.Resource;

/** The retention worker: audits each deletion DynamoDB's TTL made, from the tables' streams. */
public final class RetentionHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {
    private final ExpiryStream stream;
    private final SnapStartPriming priming;

    /** Lambda's entry: the object graph is built once, in the init phase, and primed before a SnapStart snapshot. */
    public RetentionHandler() {
        this(DaggerRetentionComponent.create());
        Core.getGlobalContext().register(this);
    }

    RetentionHandler(RetentionComponent component) {
        this.stream = component.stream();
        this.priming = component.snapStartPriming();
    }

    @Override
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
