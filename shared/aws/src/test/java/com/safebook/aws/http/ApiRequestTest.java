package com.safebook.aws.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.safebook.aws.config.SharedModule;
import com.safebook.core.error.DomainException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a request's body: what a refusal says of the body, and what it never repeats. */
class ApiRequestTest {
    record Decision(Boolean granted) {}

    record Form(String name, Map<String, Decision> consents, List<Decision> decisions) {}

    @Test
    void body_wrongTypeUnderAMapKey_namesTheMapButNotTheKey() {
        var refused = refusal("{\"consents\":{\"ximenaSecret42\":{\"granted\":\"yes\"}}}");

        assertThat(refused.code()).isEqualTo("wrong-type");
        assertThat(refused.getMessage()).doesNotContain("ximenaSecret42").contains("'consents.*.granted'");
    }

    @Test
    void body_wrongTypeOfAField_namesTheField() {
        var refused = refusal("{\"decisions\":[{\"granted\":true},{\"granted\":[]}]}");

        assertThat(refused.code()).isEqualTo("wrong-type");
        assertThat(refused.getMessage()).contains("'decisions.[1].granted'");
    }

    private static DomainException refusal(String body) {
        var event = new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
        var request = new ApiRequest(event, SharedModule.objectMapper());
        return catchThrowableOfType(DomainException.class, () -> request.body(Form.class));
    }
}
