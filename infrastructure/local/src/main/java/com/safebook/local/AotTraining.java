package com.safebook.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.safebook.local.cognito.TotpCodes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the local stack's ahead-of-time cache (JDK 25, JEP 514/515): run with
 * {@code -XX:AOTCacheOutput=<file>} and the JVM flags of {@code infrastructure/local/run}, it starts the
 * stack as {@code run} does (a data directory, here a throwaway one, on free ports), does what a
 * developer does first, stops the stack and exits, which is when the JVM writes the cache of the
 * classes it loaded and linked and of its method profiles. It exits with 1 if any step answered
 * otherwise than expected, so that a training that no longer matches the API is noticed (and its
 * test runs it).
 */
public final class AotTraining {
    private static final Logger LOG = LoggerFactory.getLogger(AotTraining.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COGNITO = "AWSCognitoIdentityProviderService.";

    private final LocalStack stack;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> steps = new ArrayList<>();

    private AotTraining(LocalStack stack) {
        this.stack = stack;
    }

    public static void main(String[] args) {
        System.setProperty("log4j2.configurationFile", "classpath:safebook-local-log4j2.xml");
        int status = 0;
        Path dataDirectory = null;
        try {
            dataDirectory = Files.createTempDirectory("safebook-aot-training");
            try (var stack = LocalStack.start(LocalStackOptions.parse(new String[] {
                "--port", "0", "--aws-port", "0", "--web-port", "0", "--data-dir", dataDirectory.toString()
            }))) {
                LOG.info(
                        "AOT training: {} steps answered as expected",
                        exercise(stack).size());
            }
        } catch (Exception e) {
            LOG.error("AOT training failed: {}", e.toString());
            status = 1;
        } finally {
            deleteQuietly(dataDirectory);
        }
        // The stack's servers may leave threads behind; the cache is written as the JVM exits.
        System.exit(status);
    }

    /**
     * The booking site and dashboard pages, the catalogue, a week's availability, a booking with a
     * consent, the customer reading, exporting and cancelling it and changing a consent, and a staff
     * member's first sign-in (new password, then TOTP) and their day view. Returns the steps taken.
     *
     * @throws IllegalStateException naming the step that answered otherwise than expected
     */
    public static List<String> exercise(LocalStack stack) throws IOException, InterruptedException {
        return new AotTraining(stack).exerciseAll();
    }

    private List<String> exerciseAll() throws IOException, InterruptedException {
        var api = stack.apiUrl();
        var config = json(send("config", get(api + "/local/config"), 200));
        send("site", get(stack.webUrl() + "/"), 200);
        send("dashboard", get(stack.webUrl() + "/dashboard/"), 200);

        var serviceId = json(send("services", get(api + "/services"), 200))
                .path("services")
                .path(0)
                .path("serviceId")
                .asText();
        var policyVersion = json(send("purposes", get(api + "/consent-purposes"), 200))
                .path("purposes")
                .path(0)
                .path("policyVersion")
                .asText();
        var from = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        var start = json(send(
                        "availability",
                        get(api + "/availability?serviceId=" + query(serviceId) + "&from=" + from + "&to="
                                + from.plusDays(6)),
                        200))
                .path("slots")
                .path(0)
                .path("start")
                .asText();

        var booking = JSON.createObjectNode().put("serviceId", serviceId).put("start", start);
        booking.putObject("customer")
                .put("name", "AOT Training")
                .put("email", "aot-training@example.com")
                .put("phone", "+49 30 1234567");
        booking.putObject("consents")
                .putObject("appointment-reminders")
                .put("granted", true)
                .put("policyVersion", policyVersion);
        var created = json(send(
                "booking",
                post(api + "/bookings", booking)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .build(),
                201));
        var bookingId = created.path("bookingId").asText();
        var customer = "Bearer " + created.path("manageToken").asText();
        send("booking view", get(api + "/bookings/" + bookingId, customer), 200);
        send("consents", get(api + "/consents", customer), 200);
        var decision = JSON.createObjectNode().put("granted", true).put("policyVersion", policyVersion);
        send(
                "consent decision",
                HttpRequest.newBuilder(URI.create(api + "/consents/marketing-email"))
                        .header("Authorization", customer)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(decision.toString()))
                        .build(),
                200);
        send("export", get(api + "/me/data", customer), 200);

        var idToken = firstStaffSignIn(config);
        send("staff day", get(api + "/staff/bookings?date=" + start.substring(0, 10), idToken), 200);
        send("staff booking", get(api + "/staff/bookings/" + bookingId, idToken), 200);
        send(
                "cancel",
                HttpRequest.newBuilder(URI.create(api + "/bookings/" + bookingId))
                        .header("Authorization", customer)
                        .DELETE()
                        .build(),
                200);
        return List.copyOf(steps);
    }

    /** As an administrator creates a staff member, and as the dashboard signs them in the first time. */
    private String firstStaffSignIn(JsonNode config) throws IOException, InterruptedException {
        var pool = config.path("userPoolId").asText();
        var client = config.path("userPoolClientId").asText();
        var user = "aot-training";
        var created = JSON.createObjectNode()
                .put("UserPoolId", pool)
                .put("Username", user)
                .put("TemporaryPassword", "Temporary-Pass-1")
                .put("MessageAction", "SUPPRESS");
        created.putArray("UserAttributes").addObject().put("Name", "email").put("Value", "aot-training@example.com");
        cognito("AdminCreateUser", created);
        cognito(
                "AdminAddUserToGroup",
                JSON.createObjectNode()
                        .put("UserPoolId", pool)
                        .put("Username", user)
                        .put("GroupName", "admin"));
        var password = JSON.createObjectNode().put("ClientId", client).put("AuthFlow", "USER_PASSWORD_AUTH");
        password.putObject("AuthParameters").put("USERNAME", user).put("PASSWORD", "Temporary-Pass-1");
        var newPassword = cognito("InitiateAuth", password);
        var challenge = JSON.createObjectNode()
                .put("ClientId", client)
                .put("ChallengeName", "NEW_PASSWORD_REQUIRED")
                .put("Session", newPassword.path("Session").asText());
        challenge.putObject("ChallengeResponses").put("USERNAME", user).put("NEW_PASSWORD", "Correct-Horse-Battery-9");
        var setup = cognito("RespondToAuthChallenge", challenge);
        var association = cognito(
                "AssociateSoftwareToken",
                JSON.createObjectNode().put("Session", setup.path("Session").asText()));
        var verified = cognito(
                "VerifySoftwareToken",
                JSON.createObjectNode()
                        .put("Session", association.path("Session").asText())
                        .put(
                                "UserCode",
                                TotpCodes.code(association.path("SecretCode").asText(), Instant.now())));
        var mfaSetup = JSON.createObjectNode()
                .put("ClientId", client)
                .put("ChallengeName", "MFA_SETUP")
                .put("Session", verified.path("Session").asText());
        mfaSetup.putObject("ChallengeResponses").put("USERNAME", user);
        var idToken = cognito("RespondToAuthChallenge", mfaSetup)
                .path("AuthenticationResult")
                .path("IdToken")
                .asText();
        if (idToken.isEmpty()) {
            throw new IllegalStateException("The staff sign-in ended without tokens");
        }
        return idToken;
    }

    private JsonNode cognito(String action, ObjectNode body) throws IOException, InterruptedException {
        return json(send(
                action,
                HttpRequest.newBuilder(URI.create(stack.awsEndpointUrl() + "/"))
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", COGNITO + action)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                200));
    }

    private String send(String step, HttpRequest request, int expected) throws IOException, InterruptedException {
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            // The status only: the body may repeat what was sent.
            throw new IllegalStateException(
                    "Step '" + step + "' answered " + response.statusCode() + ", not " + expected);
        }
        steps.add(step);
        return response.body();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    private static HttpRequest get(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization)
                .GET()
                .build();
    }

    private static HttpRequest.Builder post(String url, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("The training's data directory {} was left behind: {}", directory, e.toString());
        }
    }
}
