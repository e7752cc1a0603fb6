package com.safebook.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.safebook.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The properties a deployment must keep. A change to template.yaml that drops one of them fails
 * here, before anyone deploys it.
 */
class TemplateTest {
    private static SamTemplate template;
    private static JsonNode root;

    @BeforeAll
    static void read() throws IOException {
        try (var in = Files.newInputStream(Path.of("../../template.yaml"))) {
            template = SamTemplate.read(in, Map.of());
        }
        root = template.root();
    }

    @Test
    void functions_allOfThem_runJava25FromTheirShadedJarWithSnapStart() {
        var globals = root.path("Globals").path("Function");
        assertThat(globals.path("Runtime").asText()).isEqualTo("java25");
        assertThat(globals.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(globals.path("AutoPublishAlias").asText()).isNotBlank();
        assertThat(globals.path("Environment")
                        .path("Variables")
                        .path("JAVA_TOOL_OPTIONS")
                        .asText())
                .contains("TieredStopAtLevel=1");
        template.resources("AWS::Serverless::Function").forEach((id, function) -> {
            var codeUri = function.path("CodeUri").asText();
            assertThat(codeUri).as(id).matches("functions/[a-z-]+/target/[a-z-]+\\.jar");
            assertThat(Path.of("../..", codeUri).getParent().getParent()).as(id).isDirectory();
            assertThat(function.path("Handler").asText()).as(id).contains("::handleRequest");
        });
    }

    @Test
    void functions_eachOne_hasItsOwnLogGroupWithRetention() {
        var logGroups = template.resources("AWS::Logs::LogGroup");
        template.resources("AWS::Serverless::Function")
                .keySet()
                .forEach(id -> assertThat(logGroups.values()).as(id).anySatisfy(group -> {
                    assertThat(template.resolve(group.path("LogGroupName"))).isEqualTo("/aws/lambda/" + id);
                    assertThat(group.path("RetentionInDays").has("Ref")).isTrue();
                }));
    }

    @Test
    void policies_everyStatement_isScopedToResourcesAndNamesNoWildcardAction() {
        template.resources("AWS::Serverless::Function").forEach((id, function) -> {
            var statements = new ArrayList<JsonNode>();
            function.path("Policies").forEach(policy -> policy.path("Statement").forEach(statements::add));
            assertThat(statements).as(id).isNotEmpty().allSatisfy(statement -> {
                statement.path("Action").forEach(action -> assertThat(action.asText())
                        .doesNotContain("*"));
                assertThat(statement.path("Resource")).isNotEmpty().allSatisfy(resource -> {
                    assertThat(resource.isTextual())
                            .as("a resource from the template, not a literal")
                            .isFalse();
                });
            });
        });
    }

    @Test
    void tables_all_areEncryptedWithTheCustomerKeyRecoverableAndProtected() {
        var tables = template.resources("AWS::DynamoDB::Table");
        assertThat(tables).containsKeys("BookingsTable", "AuditTable", "KeysTable");
        tables.forEach((id, table) -> {
            assertThat(table.path("BillingMode").asText()).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(table.path("SSESpecification").path("SSEEnabled").asBoolean())
                    .as(id)
                    .isTrue();
            assertThat(table.path("SSESpecification").path("SSEType").asText())
                    .as(id)
                    .isEqualTo("KMS");
            assertThat(table.path("SSESpecification")
                            .path("KMSMasterKeyId")
                            .path("Ref")
                            .asText())
                    .as(id)
                    .isEqualTo("DataKey");
            assertThat(table.path("PointInTimeRecoverySpecification")
                            .path("PointInTimeRecoveryEnabled")
                            .asBoolean())
                    .as(id + ": only the key table has no backups, so that erasure reaches old backups")
                    .isEqualTo(!id.equals("KeysTable"));
            assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean())
                    .as(id)
                    .isTrue();
            assertThat(table.path("TimeToLiveSpecification")
                            .path("AttributeName")
                            .asText())
                    .as(id)
                    .isEqualTo("expiresAt");
            assertThat(table.path("DeletionProtectionEnabled").asBoolean())
                    .as(id)
                    .isTrue();
            assertThat(table.has("TableName"))
                    .as(id + " is named by CloudFormation")
                    .isFalse();
        });
    }

    @Test
    void keysTable_keepsNoBackupsOfItsOwnAndSurvivesStackDeletion() {
        var keys = template.resources("AWS::DynamoDB::Table").get("KeysTable");
        assertThat(keys.path("PointInTimeRecoverySpecification")
                        .path("PointInTimeRecoveryEnabled")
                        .isBoolean())
                .as("PITR is off explicitly, not by omission")
                .isTrue();
        assertThat(root.path("Resources")
                        .path("KeysTable")
                        .path("DeletionPolicy")
                        .asText())
                .isEqualTo("Retain");
        assertThat(keys.path("StreamSpecification").isMissingNode())
                .as("no stream copies wrapped keys elsewhere")
                .isTrue();
    }

    @Test
    void dataKeys_onlyForPersonalDataAndTheBlindIndex_andOnlyTheDataKey() {
        template.resources("AWS::Serverless::Function").forEach((id, function) -> {
            function.path("Policies").forEach(policy -> policy.path("Statement").forEach(statement -> {
                var actions = new ArrayList<String>();
                statement.path("Action").forEach(a -> actions.add(a.asText()));
                if (actions.stream().anyMatch(a -> a.startsWith("kms:"))) {
                    assertThat(actions).as(id).isSubsetOf("kms:GenerateDataKey", "kms:Decrypt");
                    assertThat(statement
                                    .path("Resource")
                                    .get(0)
                                    .path("Fn::GetAtt")
                                    .get(0)
                                    .asText())
                            .as(id)
                            .isEqualTo("DataKey");
                    var purposes =
                            statement.path("Condition").path("StringEquals").path("kms:EncryptionContext:purpose");
                    assertThat(purposes)
                            .as(id + " names the purposes it may use keys for")
                            .isNotEmpty();
                    purposes.forEach(p -> assertThat(p.asText()).startsWith("safebook:"));
                }
            }));
        });
        var environment =
                root.path("Globals").path("Function").path("Environment").path("Variables");
        assertThat(environment.path("DATA_KEY_ID").path("Fn::GetAtt").get(0).asText())
                .isEqualTo("DataKey");
        assertThat(environment.path("KEYS_TABLE").path("Ref").asText()).isEqualTo("KeysTable");
    }

    @Test
    void rejectedCiphertext_raisesAnAlarmToTheOperators() {
        var alarm = template.resources("AWS::CloudWatch::Alarm").get("CiphertextRejectedAlarm");
        assertThat(alarm.path("MetricName").asText()).isEqualTo("CiphertextRejected");
        assertThat(alarm.path("Namespace").asText())
                .isEqualTo(root.path("Globals")
                        .path("Function")
                        .path("Environment")
                        .path("Variables")
                        .path("POWERTOOLS_METRICS_NAMESPACE")
                        .asText());
        assertThat(alarm.path("Threshold").asInt()).isEqualTo(1);
        assertThat(alarm.path("AlarmActions").get(0).path("Ref").asText()).isEqualTo("OperatorAlarmTopic");
    }

    @Test
    void dataKey_isCustomerManagedWithRotation() {
        var key = template.resources("AWS::KMS::Key").get("DataKey");
        assertThat(key.path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(key.path("KeySpec").asText()).isEqualTo("SYMMETRIC_DEFAULT");
    }

    @Test
    void api_isThrottledAndLogsAccessWithoutQueryStrings() {
        var api = template.resources("AWS::Serverless::Api").get("Api");
        var settings = api.path("MethodSettings").get(0);
        assertThat(settings.path("ThrottlingRateLimit").path("Ref").asText()).isEqualTo("ApiThrottleRateLimit");
        assertThat(settings.path("ThrottlingBurstLimit").path("Ref").asText()).isEqualTo("ApiThrottleBurstLimit");
        var format = api.path("AccessLogSetting").path("Format").asText();
        assertThat(format)
                .contains("$context.requestId", "$context.resourcePath", "$context.status")
                .doesNotContain("$context.path", "querystring", "$input", "$context.identity.sourceIp");
        assertThat(api.path("AccessLogSetting").path("DestinationArn").isObject())
                .isTrue();
    }

    @Test
    void gatewayResponses_ofApiGatewayItself_areProblemDocuments() {
        var responses = template.resources("AWS::Serverless::Api").get("Api").path("GatewayResponses");
        for (var type : List.of(
                "MISSING_AUTHENTICATION_TOKEN", "THROTTLED", "REQUEST_TOO_LARGE", "DEFAULT_4XX", "DEFAULT_5XX")) {
            var response = responses.path(type);
            assertThat(response.path("ResponseParameters")
                            .path("Headers")
                            .path("Content-Type")
                            .asText())
                    .as(type)
                    .isEqualTo("'application/problem+json'");
            assertThat(response.path("ResponseTemplates")
                            .path("application/json")
                            .asText())
                    .as(type)
                    .contains("\"type\":\"urn:safebook:problem:", "$context.requestId");
        }
        assertThat(responses
                        .path("MISSING_AUTHENTICATION_TOKEN")
                        .path("StatusCode")
                        .asText())
                .isEqualTo("404");
        assertThat(responses.path("DEFAULT_4XX").has("StatusCode"))
                .as("keeps each refusal's own status")
                .isFalse();
        assertThat(responses.path("DEFAULT_5XX").has("StatusCode")).isFalse();
    }

    @Test
    void parameters_stageAndRetention_areDeclaredWithDefaults() {
        for (var name : List.of(
                "Stage",
                "BookingRetentionDays",
                "IdempotencyRetentionHours",
                "AuditRetentionDays",
                "LogRetentionDays")) {
            assertThat(root.path("Parameters").path(name).has("Default"))
                    .as(name)
                    .isTrue();
        }
    }

    @Test
    void bookingRoutes_publicContract_areAllServedByTheBookingFunction() {
        var booking = template.functions().stream()
                .filter(f -> f.logicalId().equals("BookingFunction"))
                .findFirst()
                .orElseThrow();
        assertThat(booking.routes())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactlyInAnyOrder(
                        "GET /services",
                        "GET /availability",
                        "POST /bookings",
                        "GET /bookings/{bookingId}",
                        "DELETE /bookings/{bookingId}");
        assertThat(booking.environment())
                .containsEntry("BOOKINGS_TABLE", "BookingsTable")
                .containsEntry("AUDIT_TABLE", "AuditTable")
                .containsEntry("BOOKING_RETENTION_DAYS", "90");
    }
}
