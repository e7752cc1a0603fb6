package com.safebook.erasure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.safebook.aws.http.ApiEndpoint;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.aws.snapstart.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/** The erasure function: a person's data export and erasure, with a manage token. */
public final class ErasureHandler implements RequestStreamHandler, Resource {
    private final ApiEndpoint endpoint;
    private final ApiRoutes routes;
    private final SnapStartPriming priming;

    /**
     * Lambda's entry: the object graph is built once, in the init phase, while a second thread primes
     * the first request's path; the rest is primed before a SnapStart snapshot.
     */
    public ErasureHandler() {
        this(DaggerErasureComponent.create());
        Core.getGlobalContext().register(this);
    }

    ErasureHandler(ErasureComponent component) {
        this.priming = component.snapStartPriming();
        priming.startAlongsideInit();
        this.endpoint = component.endpoint();
        this.routes = component.routes().routes();
    }

    /** Lambda's invocation: API Gateway's JSON in and out, read and written by the project's own codec. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        endpoint.handle(input, output, context, routes);
    }

    /** The same invocation, for callers in the JVM that hold the event already. */
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, routes);
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
