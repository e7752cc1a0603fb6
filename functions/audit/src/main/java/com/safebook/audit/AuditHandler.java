package com.safebook.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.safebook.aws.http.ApiEndpoint;
import com.safebook.aws.http.ApiRoutes;

/** The auditors' API: records, sealing on demand, verification and the public key. */
public final class AuditHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final ApiEndpoint endpoint;
    private final ApiRoutes routes;

    /** Lambda's entry: the object graph is built once, in the init phase. */
    public AuditHandler() {
        this(DaggerAuditComponent.create());
    }

    AuditHandler(AuditComponent component) {
        this.endpoint = component.endpoint();
        this.routes = component.routes().routes();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, routes);
    }
}
