package com.safebook.staff;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.safebook.aws.http.ApiEndpoint;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.aws.snapstart.SnapStartPriming;
import org.crac.Core;
import org.crac.Resource;

/** The staff function: the day's bookings, one booking, cancelling, and the catalogue, behind Cognito. */
public final class StaffHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {
    private final ApiEndpoint endpoint;
    private final ApiRoutes routes;
    private final SnapStartPriming priming;

    /** Lambda's entry: the object graph is built once, in the init phase, and primed before a SnapStart snapshot. */
    public StaffHandler() {
        this(DaggerStaffComponent.create());
        Core.getGlobalContext().register(this);
    }

    StaffHandler(StaffComponent component) {
        this.endpoint = component.endpoint();
        this.routes = component.routes().routes();
        this.priming = component.snapStartPriming();
    }

    @Override
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
