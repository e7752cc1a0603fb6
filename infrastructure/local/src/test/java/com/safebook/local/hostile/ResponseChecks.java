package com.safebook.local.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.safebook.local.hostile.HandlersInProcess.Exchange;
import com.safebook.local.hostile.HostileRequest.Part;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.statistics.Statistics;

/**
 * What every answer to a hostile call must be: a 2xx or a 4xx, never a 5xx; a 4xx a problem document
 * with a stable type; no stack trace anywhere; no header split by a line break; and nothing the call
 * submitted (its canaries, its bearer token) in the answer or in anything logged meanwhile, save
 * what a successful answer shows by design.
 */
final class ResponseChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_TYPE = "urn:safebook:problem:[a-z0-9]+(-[a-z0-9]+)*";

    private ResponseChecks() {}

    static void verify(HostileRequest request, Exchange exchange) {
        var response = exchange.response();
        var status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        var body = response.getBody() == null ? "" : response.getBody();
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        var answer = status + " " + HostileRequest.printable(body) + " " + headers;

        assertThat(status).as("status of %s", answer).isBetween(200, 499);
        headers.forEach((name, value) -> assertThat(value)
                .as("header %s of %s", name, answer)
                .isNotNull()
                .doesNotContain("\r", "\n"));
        var wholeAnswer = (body + " " + headers).toLowerCase(Locale.ROOT);
        for (var marker : HostileText.STACK_TRACE_MARKERS) {
            assertThat(wholeAnswer).as("a stack trace in %s", answer).doesNotContain(marker);
        }

        var contentType = headers.getOrDefault("Content-Type", "");
        String outcome;
        if (status >= 400) {
            assertThat(contentType).as("content type of %s", answer).isEqualTo("application/problem+json");
            var problem = json(body, answer);
            assertThat(problem.path("type").asText()).as("type of %s", answer).matches(PROBLEM_TYPE);
            assertThat(problem.path("status").asInt())
                    .as("status in %s", answer)
                    .isEqualTo(status);
            assertThat(problem.path("title").asText()).as("title of %s", answer).isNotBlank();
            outcome = status + " " + problem.path("type").asText().substring("urn:safebook:problem:".length());
        } else {
            assertThat(contentType).as("content type of %s", answer).isEqualTo("application/json");
            if (!body.isEmpty()) {
                json(body, answer);
            }
            outcome = Integer.toString(status);
        }
        Statistics.label("outcome").collect(outcome);

        var hidden = EnumSet.allOf(Part.class);
        if (status < 300) {
            hidden.removeAll(request.echoedBySuccess());
        }
        var secret = secrets(request, hidden);
        var answerText = (body + " " + headers).toLowerCase(Locale.ROOT);
        for (var value : secret) {
            assertThat(answerText)
                    .as("the submitted %s in the answer %s", value, answer)
                    .doesNotContain(value.toLowerCase(Locale.ROOT));
        }
        // The edge logs one line per call: without it, the search below would find nothing for want of logs.
        assertThat(exchange.logged())
                .as("the call's own log line")
                .contains(request.method() + " " + request.resource() + " -> " + status);
        var logged = exchange.logged().toLowerCase(Locale.ROOT);
        for (var value : secrets(request, EnumSet.allOf(Part.class))) {
            assertThat(logged)
                    .as("the submitted %s in the log lines %s", value, HostileRequest.printable(exchange.logged()))
                    .doesNotContain(value.toLowerCase(Locale.ROOT));
        }
    }

    /** The canaries of those parts, and the bearer token (a manage token is a secret whoever sends it). */
    private static Set<String> secrets(HostileRequest request, Set<Part> parts) {
        var secrets = new LinkedHashSet<>(request.canaries(parts));
        if (parts.contains(Part.HEADERS) && request.headers() != null) {
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                if (header.getKey().equalsIgnoreCase("Authorization")
                        && header.getValue().regionMatches(true, 0, "Bearer ", 0, 7)) {
                    var token = header.getValue().substring(7).strip();
                    if (token.length() >= 16) {
                        secrets.add(token);
                    }
                }
            }
        }
        return secrets;
    }

    private static JsonNode json(String body, String answer) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + answer, e);
        }
    }
}
