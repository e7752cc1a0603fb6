package com.safebook.aws.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayProxyJsonTest {
    /** A staff request as a REST API with a Cognito authorizer delivers it (payload format 1.0). */
    private static final String STAFF_EVENT = """
            {
              "resource": "/staff/bookings/{bookingId}",
              "path": "/staff/bookings/b-123",
              "httpMethod": "GET",
              "headers": {"Accept": "application/json", "Authorization": "eyJ.x.y", "X-Forwarded-For": "203.0.113.7"},
              "multiValueHeaders": {"Accept": ["application/json"], "Authorization": ["eyJ.x.y"],
                                    "X-Forwarded-For": ["203.0.113.7"]},
              "queryStringParameters": {"view": "full"},
              "multiValueQueryStringParameters": {"view": ["summary", "full"]},
              "pathParameters": {"bookingId": "b-123"},
              "stageVariables": null,
              "requestContext": {
                "resourceId": "k3l4m5",
                "resourcePath": "/staff/bookings/{bookingId}",
                "httpMethod": "GET",
                "extendedRequestId": "Bq3xKF5uliAEJxw=",
                "requestTime": "01/Mar/2026:08:00:00 +0000",
                "path": "/prod/staff/bookings/b-123",
                "accountId": "123456789012",
                "protocol": "HTTP/1.1",
                "stage": "prod",
                "domainPrefix": "a1b2c3d4e5",
                "requestTimeEpoch": 1772352000000,
                "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                "identity": {"sourceIp": "203.0.113.7", "userAgent": "Dashboard/1.0", "cognitoIdentityId": null,
                             "someFieldAddedLater": "ignored"},
                "authorizer": {"claims": {"sub": "7d8f-staff", "cognito:groups": "staff,auditor",
                                          "email_verified": "true", "auth_time": "1772351000"},
                               "principalId": "7d8f-staff", "integrationLatency": 12, "nested": {"list": [1, 2.5, true, null]}},
                "domainName": "a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com",
                "apiId": "a1b2c3d4e5"
              },
              "body": null,
              "isBase64Encoded": false,
              "aFieldAddedLater": {"x": 1}
            }
            """;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readRequest_cognitoAuthorizedRestEvent_readsEveryFieldAndTheAuthorizerAsPlainValues() throws IOException {
        var event = read(STAFF_EVENT);

        assertThat(event.getResource()).isEqualTo("/staff/bookings/{bookingId}");
        assertThat(event.getPath()).isEqualTo("/staff/bookings/b-123");
        assertThat(event.getHttpMethod()).isEqualTo("GET");
        assertThat(event.getHeaders()).containsEntry("Authorization", "eyJ.x.y").hasSize(3);
        assertThat(event.getMultiValueHeaders()).containsEntry("Accept", List.of("application/json"));
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("view", "full"));
        assertThat(event.getMultiValueQueryStringParameters()).isEqualTo(Map.of("view", List.of("summary", "full")));
        assertThat(event.getPathParameters()).isEqualTo(Map.of("bookingId", "b-123"));
        assertThat(event.getStageVariables()).isNull();
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
        var context = event.getRequestContext();
        assertThat(context.getRequestId()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(context.getRequestTimeEpoch()).isEqualTo(1772352000000L);
        assertThat(context.getResourcePath()).isEqualTo("/staff/bookings/{bookingId}");
        assertThat(context.getStage()).isEqualTo("prod");
        assertThat(context.getIdentity().getSourceIp()).isEqualTo("203.0.113.7");
        assertThat(context.getIdentity().getUserAgent()).isEqualTo("Dashboard/1.0");
        assertThat(context.getIdentity().getCognitoIdentityId()).isNull();
        assertThat(context.getAuthorizer())
                .containsEntry(
                        "claims",
                        Map.of(
                                "sub", "7d8f-staff",
                                "cognito:groups", "staff,auditor",
                                "email_verified", "true",
                                "auth_time", "1772351000"))
                .containsEntry("principalId", "7d8f-staff")
                .containsEntry("integrationLatency", 12L);
        assertThat(((Map<?, ?>) context.getAuthorizer().get("nested")).get("list"))
                .isEqualTo(java.util.Arrays.asList(1L, new java.math.BigDecimal("2.5"), true, null));
    }

    @Test
    void writeRequest_thenRead_givesAnEqualEvent() throws IOException {
        var event = read(STAFF_EVENT);
        event.setBody("{\"name\":\"Zoë 🦊\"}");
        event.setIsBase64Encoded(true);

        var again = read(write(event));

        assertThat(again).isEqualTo(event);
    }

    @Test
    void writeRequest_textWithLoneSurrogatesAndControlCharacters_comesBackExactlyAsAsciiJson() throws IOException {
        var hostile = "a\uD800b\uDC00c\u0000\u202E\r\n\"\\ Zoë 🦊";
        var event = new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withHeaders(Map.of("X-" + hostile, hostile))
                .withBody(hostile);

        var written = write(event);

        assertThat(written.chars()).allMatch(c -> c < 0x80);
        var again = read(written);
        assertThat(again.getBody()).isEqualTo(hostile);
        assertThat(again.getHeaders()).isEqualTo(Map.of("X-" + hostile, hostile));
    }

    @Test
    void readRequest_absentAndNullParts_areNullAsTheRuntimeGivesThem() throws IOException {
        var event = read("{\"httpMethod\":\"GET\",\"headers\":null}");

        assertThat(event.getHttpMethod()).isEqualTo("GET");
        assertThat(event.getHeaders()).isNull();
        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getRequestContext()).isNull();
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isNull();
    }

    @Test
    void readRequest_notAnEventObject_isRefusedWithoutQuotingIt() {
        for (var input : List.of("", "[1,2]", "\"secret-token\"", "null")) {
            assertThatThrownBy(() -> read(input))
                    .as(input)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("secret-token");
        }
        assertThatThrownBy(() -> read("{\"body\": \"unterminated")).isInstanceOf(IOException.class);
    }

    @Test
    void writeResponse_asTheRuntimeWritesIt_statusHeadersAndBodyOnly() throws IOException {
        var response = new APIGatewayProxyResponseEvent()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"bookingId\":\"b-1\",\"note\":\"Zoë\"}");

        var out = new ByteArrayOutputStream();
        ApiGatewayProxyJson.writeResponse(response, out);

        var written = json.readTree(out.toByteArray());
        assertThat(written.path("statusCode").asInt()).isEqualTo(201);
        assertThat(written.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(written.path("body").asText()).isEqualTo("{\"bookingId\":\"b-1\",\"note\":\"Zoë\"}");
        assertThat(written.has("multiValueHeaders")).isFalse();
        assertThat(written.has("isBase64Encoded")).isFalse();
        assertThat(ApiGatewayProxyJson.readResponse(new ByteArrayInputStream(out.toByteArray())))
                .isEqualTo(response);
    }

    private static APIGatewayProxyRequestEvent read(String text) throws IOException {
        return ApiGatewayProxyJson.readRequest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String write(APIGatewayProxyRequestEvent event) throws IOException {
        var out = new ByteArrayOutputStream();
        ApiGatewayProxyJson.writeRequest(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
