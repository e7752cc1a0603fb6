package com.safebook.local.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiGatewayStandInTest {

    /** A route the stand-in cannot guard must not be served unguarded. */
    @ParameterizedTest
    @CsvSource({"LambdaAuthorizer", "UndeclaredAuthorizer", "StaffAuthorizer"})
    void constructor_routeWithAnAuthorizerItCannotRun_isRefused(String authorizer) throws Exception {
        var yaml = """
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      Auth:
                        Authorizers:
                          LambdaAuthorizer:
                            FunctionArn: arn:aws:lambda:us-east-1:000000000000:function:authorize
                          StaffAuthorizer:
                            UserPoolArn: !GetAtt Pool.Arn
                  Staff:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler::handleRequest
                      Events:
                        Bookings:
                          Type: Api
                          Properties: {RestApiId: !Ref Api, Path: /staff/bookings, Method: get, Auth: {Authorizer: %s}}
                """.formatted(authorizer);
        var template = SamTemplate.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), Map.of());

        // No verifiers: the stack runs no pool, so not even StaffAuthorizer can be checked.
        assertThatThrownBy(() -> new ApiGatewayStandIn("127.0.0.1", 0, template, 10, 10, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /staff/bookings")
                .hasMessageContaining(authorizer);
    }
}
