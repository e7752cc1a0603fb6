package com.safebook.retention;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/** The retention worker: audits each deletion DynamoDB's TTL made, from the tables' streams. */
public final class RetentionHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ExpiryStream stream;

    /** Lambda's entry: the object graph is built once, in the init phase. */
    public RetentionHandler() {
        this(DaggerRetentionComponent.create());
    }

    RetentionHandler(RetentionComponent component) {
        this.stream = component.stream();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return stream.handle(event);
    }
}
