package com.safebook.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.safebook.local.cognito.TemplateUserPool;
import com.safebook.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                .contains("TieredStopAtLevel=1")
                .as("no full GC for metadata in the middle of a first request")
                .contains("MetaspaceSize=64m");
        template.resources("AWS::Serverless::Function").forEach((id, function) -> {
            var codeUri = function.path("CodeUri").asText();
            assertThat(codeUri).as(id).matches("functions/[a-z-]+/target/[a-z-]+\\.jar");
            assertThat(Path.of("../..", codeUri).getParent().getParent()).as(id).isDirectory();
            assertThat(function.path("Handler").asText()).as(id).contains("::handleRequest");
            // SnapStart needs a published version: none may opt out of the alias or the snapshot.
            assertThat(function.path("SnapStart").path("ApplyOn").asText("PublishedVersions"))
                    .as(id)
                    .isEqualTo("PublishedVersions");
            assertThat(function.has("AutoPublishAlias")).as(id).isFalse();
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
    void tables_all_areEncryptedWithTheCustomerKeyRecoverableAndProtected() {
        var tables = template.resources("AWS::DynamoDB::Table");
        assertThat(tables).containsKeys("BookingsTable", "AuditTable", "AuditDigestsTable", "KeysTable");
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
    void auditSigningKey_isAnAsymmetricP256Key_andTheTrailIsSealedHourly() {
        // Who may sign with it: TemplatePolicyTest.
        var key = template.resources("AWS::KMS::Key").get("AuditSigningKey");
        assertThat(key.path("KeySpec").asText()).isEqualTo("ECC_NIST_P256");
        assertThat(key.path("KeyUsage").asText()).isEqualTo("SIGN_VERIFY");
        var digest = template.resources("AWS::Serverless::Function").get("AuditDigestFunction");
        assertThat(digest.path("Events")
                        .path("Hourly")
                        .path("Properties")
                        .path("Schedule")
                        .asText())
                .isEqualTo("rate(1 hour)");
    }

    @Test
    void auditRoutes_everyOne_needsAStaffSignIn() {
        var audit = template.resources("AWS::Serverless::Function").get("AuditFunction");
        assertThat(audit.path("Events").properties()).hasSize(5).allSatisfy(event -> assertThat(event.getValue()
                        .path("Properties")
                        .path("Auth")
                        .path("Authorizer")
                        .asText())
                .isEqualTo("StaffAuthorizer"));
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
        assertThat(keys.path("StreamSpecification").path("StreamViewType").asText("KEYS_ONLY"))
                .as("no stream copies wrapped keys elsewhere: keys only, if any")
                .isEqualTo("KEYS_ONLY");
    }

    @Test
    void watchedEvents_eachRaiseAnAlarmToTheOperatorsTopic_whoseEmailIsAParameter() {
        var alarms = template.resources("AWS::CloudWatch::Alarm");
        var namespace = root.path("Globals")
                .path("Function")
                .path("Environment")
                .path("Variables")
                .path("POWERTOOLS_METRICS_NAMESPACE")
                .asText();
        var services = new java.util.HashSet<String>();
        template.functions().forEach(f -> services.add(f.environment().get("POWERTOOLS_SERVICE_NAME")));
        var watched = Map.of(
                "CiphertextRejectedAlarm", "CiphertextRejected",
                "AccessDeniedAlarm", "AccessDenied",
                "UnusualStaffReadsAlarm", "StaffPersonalDataReads",
                "DependencyUnavailableAlarm", "DependencyUnavailable",
                "AuditWriteFailedAlarm", "AuditWriteFailed",
                "AuditVerificationFailedAlarm", "AuditVerificationFailed");
        watched.forEach((id, metric) -> {
            var alarm = alarms.get(id);
            assertThat(alarm).as(id).isNotNull();
            assertThat(alarm.path("AlarmActions").get(0).path("Ref").asText()).isEqualTo("OperatorAlarmTopic");
            var stats = new ArrayList<JsonNode>();
            alarm.path("Metrics").forEach(m -> {
                if (m.has("MetricStat")) {
                    stats.add(m.path("MetricStat").path("Metric"));
                }
            });
            assertThat(stats).as(id).isNotEmpty().allSatisfy(m -> {
                assertThat(m.path("Namespace").asText()).isEqualTo(namespace);
                assertThat(m.path("MetricName").asText()).isEqualTo(metric);
                // Each names a function that exists, so the alarm can ever see data.
                assertThat(services)
                        .contains(m.path("Dimensions").get(0).path("Value").asText());
            });
        });
        var subscription = template.resources("AWS::SNS::Subscription").get("OperatorAlarmEmail");
        assertThat(subscription.path("Endpoint").path("Ref").asText()).isEqualTo("AlarmEmail");
        assertThat(root.path("Resources")
                        .path("OperatorAlarmEmail")
                        .path("Condition")
                        .asText())
                .isEqualTo("HasAlarmEmail");
        assertThat(root.path("Parameters").path("AlarmEmail").path("Default").asText())
                .isEmpty();
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
                "MISSING_AUTHENTICATION_TOKEN",
                "UNAUTHORIZED",
                "ACCESS_DENIED",
                "THROTTLED",
                "REQUEST_TOO_LARGE",
                "DEFAULT_4XX",
                "DEFAULT_5XX")) {
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
        assertThat(responses.path("UNAUTHORIZED").path("StatusCode").asText()).isEqualTo("401");
        assertThat(responses
                        .path("UNAUTHORIZED")
                        .path("ResponseTemplates")
                        .path("application/json")
                        .asText())
                .contains("urn:safebook:problem:unauthorized", "\"status\":401");
        assertThat(responses.path("ACCESS_DENIED").path("StatusCode").asText()).isEqualTo("403");
        assertThat(responses
                        .path("ACCESS_DENIED")
                        .path("ResponseTemplates")
                        .path("application/json")
                        .asText())
                .contains("urn:safebook:problem:forbidden", "\"status\":403");
        assertThat(responses.path("DEFAULT_4XX").has("StatusCode"))
                .as("keeps each refusal's own status")
                .isFalse();
        assertThat(responses.path("DEFAULT_5XX").has("StatusCode")).isFalse();
    }

    @Test
    void staffUserPool_requiresTotpMfaStrongPasswordsAndAdministratorsToCreateUsers() {
        var pool = template.resources("AWS::Cognito::UserPool").get("StaffUserPool");
        assertThat(pool.path("MfaConfiguration").asText()).isEqualTo("ON");
        assertThat(pool.path("EnabledMfas"))
                .extracting(JsonNode::asText)
                .as("authenticator apps only: no SMS, no email codes")
                .containsExactly("SOFTWARE_TOKEN_MFA");
        var passwords = pool.path("Policies").path("PasswordPolicy");
        assertThat(passwords.path("MinimumLength").asInt()).isGreaterThanOrEqualTo(12);
        for (var rule : List.of("RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols")) {
            assertThat(passwords.path(rule).asBoolean()).as(rule).isTrue();
        }
        assertThat(passwords.path("TemporaryPasswordValidityDays").asInt()).isBetween(1, 3);
        assertThat(pool.path("AdminCreateUserConfig")
                        .path("AllowAdminCreateUserOnly")
                        .asBoolean())
                .as("no self sign-up")
                .isTrue();
        assertThat(pool.path("AccountRecoverySetting").path("RecoveryMechanisms"))
                .extracting(m -> m.path("Name").asText())
                .as("recovery by a verified email only")
                .containsExactly("verified_email");
        assertThat(pool.path("UsernameConfiguration").path("CaseSensitive").asBoolean(true))
                .isFalse();
    }

    @Test
    void staffUserPool_enforcesThreatProtectionAndCannotBeDeletedByAccident() {
        var pool = template.resources("AWS::Cognito::UserPool").get("StaffUserPool");
        assertThat(pool.path("UserPoolAddOns").path("AdvancedSecurityMode").asText())
                .isEqualTo("ENFORCED");
        assertThat(pool.path("UserPoolTier").asText())
                .as("threat protection needs the Plus plan")
                .isEqualTo("PLUS");
        assertThat(pool.path("DeletionProtection").asText()).isEqualTo("ACTIVE");
        assertThat(root.path("Resources")
                        .path("StaffUserPool")
                        .path("DeletionPolicy")
                        .asText())
                .isEqualTo("Retain");
    }

    @Test
    void staffDashboardClient_isPublicWithShortRotatingTokens() throws IOException {
        var clients = template.resources("AWS::Cognito::UserPoolClient");
        assertThat(clients).containsOnlyKeys("StaffDashboardClient");
        var client = clients.get("StaffDashboardClient");
        assertThat(client.path("UserPoolId").path("Ref").asText()).isEqualTo("StaffUserPool");
        assertThat(client.path("GenerateSecret").asBoolean(true))
                .as("no secret")
                .isFalse();
        assertThat(client.path("ExplicitAuthFlows"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(
                        "ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(client.path("PreventUserExistenceErrors").asText()).isEqualTo("ENABLED");
        assertThat(client.path("EnableTokenRevocation").asBoolean()).isTrue();
        assertThat(client.path("RefreshTokenRotation").path("Feature").asText()).isEqualTo("ENABLED");
        // The same reader the local pool uses, so that the units are counted as Cognito counts them.
        var config = TemplateUserPool.read(template).orElseThrow().config();
        assertThat(config.accessTokenValidity()).isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(config.idTokenValidity()).isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTokenValidity()).isLessThanOrEqualTo(Duration.ofHours(12));
        assertThat(config.authSessionValidity()).isLessThanOrEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void staffGroups_areStaffAdminAndAuditor_describedAndOrdered() {
        var groups = template.resources("AWS::Cognito::UserPoolGroup");
        assertThat(groups.values())
                .extracting(g -> g.path("GroupName").asText())
                .containsExactlyInAnyOrder("staff", "admin", "auditor");
        groups.forEach((id, group) -> {
            assertThat(group.path("UserPoolId").path("Ref").asText()).as(id).isEqualTo("StaffUserPool");
            assertThat(group.path("Description").asText()).as(id).isNotBlank();
            assertThat(group.path("Precedence").isNumber()).as(id).isTrue();
        });
        assertThat(groups.values())
                .extracting(g -> g.path("Precedence").asInt())
                .as("distinct precedences")
                .doesNotHaveDuplicates();
    }

    @Test
    void staffAuthorizer_isTheUserPoolsAndNoRouteGetsItByDefault() {
        var auth = template.resources("AWS::Serverless::Api").get("Api").path("Auth");
        assertThat(auth.has("DefaultAuthorizer"))
                .as("the customers' routes stay public")
                .isFalse();
        var authorizer = template.authorizer("StaffAuthorizer").orElseThrow();
        assertThat(authorizer.userPools()).containsExactly("StaffUserPool");
        assertThat(authorizer.identityHeader()).isEqualTo("Authorization");
        assertThat(auth.path("Authorizers")
                        .path("StaffAuthorizer")
                        .path("UserPoolArn")
                        .path("Fn::GetAtt"))
                .extracting(JsonNode::asText)
                .containsExactly("StaffUserPool", "Arn");
        template.functions().stream()
                .filter(f -> f.logicalId().equals("BookingFunction"))
                .flatMap(f -> f.routes().stream())
                .forEach(
                        route -> assertThat(route.authorizer()).as(route.path()).isNull());
    }

    @Test
    void staffRoutes_everyOne_isProtectedByTheStaffAuthorizer() {
        assertThat(unprotectedStaffRoutes(template)).isEmpty();
    }

    /** The rule above, on routes that break it, so that it cannot pass for want of staff routes. */
    @Test
    void unprotectedStaffRoutes_routesWithoutTheStaffAuthorizer_areFound() throws IOException {
        var snippet = """
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      Auth:
                        Authorizers:
                          StaffAuthorizer:
                            UserPoolArn: !GetAtt Pool.Arn
                  DefaultedApi:
                    Type: AWS::Serverless::Api
                    Properties:
                      Auth:
                        DefaultAuthorizer: StaffAuthorizer
                        Authorizers:
                          StaffAuthorizer:
                            UserPoolArn: !GetAtt Pool.Arn
                  Staff:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Protected:
                          Type: Api
                          Properties: {RestApiId: !Ref Api, Path: /staff/bookings, Method: get, Auth: {Authorizer: StaffAuthorizer}}
                        Forgotten:
                          Type: Api
                          Properties: {RestApiId: !Ref Api, Path: /staff/services, Method: post}
                        Root:
                          Type: Api
                          Properties: {RestApiId: !Ref Api, Path: /staff, Method: get}
                        ByDefault:
                          Type: Api
                          Properties: {RestApiId: !Ref DefaultedApi, Path: /staff/erasures, Method: post}
                        OptedOut:
                          Type: Api
                          Properties: {RestApiId: !Ref DefaultedApi, Path: /staff/export, Method: get, Auth: {Authorizer: NONE}}
                        Public:
                          Type: Api
                          Properties: {RestApiId: !Ref Api, Path: /staffing, Method: get}
                """;
        SamTemplate broken;
        try (var in = new ByteArrayInputStream(snippet.getBytes(StandardCharsets.UTF_8))) {
            broken = SamTemplate.read(in, Map.of());
        }

        assertThat(unprotectedStaffRoutes(broken))
                .containsExactlyInAnyOrder("POST /staff/services", "GET /staff", "GET /staff/export");
    }

    @Test
    void outputs_nameTheUserPoolAndItsClient() {
        var outputs = root.path("Outputs");
        assertThat(outputs.path("UserPoolId").path("Value").path("Ref").asText())
                .isEqualTo("StaffUserPool");
        assertThat(outputs.path("UserPoolClientId").path("Value").path("Ref").asText())
                .isEqualTo("StaffDashboardClient");
    }

    /** Every route under /staff that StaffAuthorizer does not guard, as SAM resolves each route's authorizer. */
    @Test
    void siteBucket_isPrivateEncryptedAndTlsOnly() {
        var bucket = template.resources("AWS::S3::Bucket").get("SiteBucket");
        var block = bucket.path("PublicAccessBlockConfiguration");
        assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                .allSatisfy(setting ->
                        assertThat(block.path(setting).asBoolean()).as(setting).isTrue());
        assertThat(bucket.path("BucketEncryption")
                        .path("ServerSideEncryptionConfiguration")
                        .get(0)
                        .path("ServerSideEncryptionByDefault")
                        .path("SSEAlgorithm")
                        .asText())
                .isIn("AES256", "aws:kms", "aws:kms:dsse");
        var statements = template.resources("AWS::S3::BucketPolicy")
                .get("SiteBucketPolicy")
                .path("PolicyDocument")
                .path("Statement");
        assertThat(statements).anySatisfy(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
            assertThat(statement.path("Action").asText()).isEqualTo("s3:*");
            assertThat(statement
                            .path("Condition")
                            .path("Bool")
                            .path("aws:SecureTransport")
                            .asText())
                    .isEqualTo("false");
        });
        // Only CloudFront may read, and only for this distribution.
        assertThat(statements)
                .filteredOn(statement -> statement.path("Effect").asText().equals("Allow"))
                .allSatisfy(statement -> {
                    assertThat(statement.path("Principal").path("Service").asText())
                            .isEqualTo("cloudfront.amazonaws.com");
                    assertThat(statement.path("Action").asText()).isEqualTo("s3:GetObject");
                    assertThat(statement
                                    .path("Condition")
                                    .path("StringEquals")
                                    .path("AWS:SourceArn")
                                    .toString())
                            .contains("${SiteDistribution}");
                });
    }

    @Test
    void siteDistribution_readsTheBucketThroughOriginAccessControlOverHttpsOnly() {
        var config = template.resources("AWS::CloudFront::Distribution")
                .get("SiteDistribution")
                .path("DistributionConfig");
        var origin = config.path("Origins").get(0);
        assertThat(origin.path("OriginAccessControlId").toString()).contains("SiteOriginAccessControl");
        assertThat(origin.path("S3OriginConfig").path("OriginAccessIdentity").asText())
                .isEmpty();
        var oac = template.resources("AWS::CloudFront::OriginAccessControl")
                .get("SiteOriginAccessControl")
                .path("OriginAccessControlConfig");
        assertThat(oac.path("SigningBehavior").asText()).isEqualTo("always");
        var behaviours = new java.util.ArrayList<JsonNode>();
        behaviours.add(config.path("DefaultCacheBehavior"));
        config.path("CacheBehaviors").forEach(behaviours::add);
        assertThat(behaviours).allSatisfy(behaviour -> {
            assertThat(behaviour.path("ViewerProtocolPolicy").asText()).isEqualTo("redirect-to-https");
            assertThat(behaviour.path("ResponseHeadersPolicyId").path("Ref").asText())
                    .isEqualTo("SiteResponseHeadersPolicy");
        });
    }

    @Test
    void siteHeaders_setHstsCspNosniffAndFrameDenial() {
        var headers = template.resources("AWS::CloudFront::ResponseHeadersPolicy")
                .get("SiteResponseHeadersPolicy")
                .path("ResponseHeadersPolicyConfig")
                .path("SecurityHeadersConfig");
        assertThat(headers.path("StrictTransportSecurity")
                        .path("AccessControlMaxAgeSec")
                        .asInt())
                .isGreaterThanOrEqualTo(31_536_000);
        assertThat(headers.path("ContentTypeOptions").path("Override").asBoolean())
                .isTrue();
        assertThat(headers.path("FrameOptions").path("FrameOption").asText()).isEqualTo("DENY");
        assertThat(headers.path("ReferrerPolicy").path("ReferrerPolicy").asText())
                .isEqualTo("no-referrer");
        var csp = template.resolve(headers.path("ContentSecurityPolicy").path("ContentSecurityPolicy"));
        assertThat(csp)
                .contains("default-src 'none'")
                .contains("script-src 'self';")
                .contains("frame-ancestors 'none'")
                .contains("connect-src 'self' https://Api.execute-api.")
                .contains("https://cognito-idp.")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
    }

    @Test
    void api_allowsTheSiteOriginOnly() {
        var api = template.resources("AWS::Serverless::Api").get("Api");
        assertThat(api.path("Cors").path("AllowOrigin").toString()).contains("${SiteOrigin}");
        assertThat(api.path("Cors").path("AllowHeaders").asText()).contains("Idempotency-Key");
        assertThat(root.path("Parameters")
                        .path("SiteOrigin")
                        .path("AllowedPattern")
                        .asText())
                .startsWith("https://");
        assertThat(root.path("Globals")
                        .path("Function")
                        .path("Environment")
                        .path("Variables")
                        .path("SITE_ORIGIN")
                        .path("Ref")
                        .asText())
                .isEqualTo("SiteOrigin");
        api.path("GatewayResponses").forEach(response -> assertThat(response.path("ResponseParameters")
                        .path("Headers")
                        .path("Access-Control-Allow-Origin")
                        .toString())
                .contains("${SiteOrigin}"));
        assertThat(root.path("Outputs").path("SiteUrl").path("Value").toString())
                .contains("SiteDistribution.DomainName");
    }

    private static List<String> unprotectedStaffRoutes(SamTemplate template) {
        return template.functions().stream()
                .flatMap(f -> f.routes().stream())
                .filter(r -> r.path().equals("/staff") || r.path().startsWith("/staff/"))
                .filter(r -> !"StaffAuthorizer".equals(r.authorizer()))
                .map(r -> r.method() + " " + r.path())
                .toList();
    }

    @Test
    void parameters_stageAndRetention_areDeclaredWithDefaults() {
        for (var name : List.of(
                "Stage",
                "BookingRetentionDays",
                "IdempotencyRetentionHours",
                "AuditRetentionDays",
                "ConsentRetentionYears",
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

    private static JsonNode retentionEvent(String name) {
        return root.path("Resources")
                .path("RetentionFunction")
                .path("Properties")
                .path("Events")
                .path(name)
                .path("Properties");
    }

    @Test
    void retentionFunction_readsBothStreamsFromTheStartAndReportsBatchItemFailures() {
        for (var name : List.of("BookingsExpired", "SubjectKeysExpired")) {
            var event = retentionEvent(name);
            assertThat(root.path("Resources")
                            .path("RetentionFunction")
                            .path("Properties")
                            .path("Events")
                            .path(name)
                            .path("Type")
                            .asText())
                    .isEqualTo("DynamoDB");
            assertThat(event.path("StartingPosition").asText()).as(name).isEqualTo("TRIM_HORIZON");
            assertThat(event.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
            assertThat(event.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
            assertThat(event.path("MaximumRetryAttempts").asInt()).isPositive();
            assertThat(event.path("BatchSize").asInt()).isPositive();
            assertThat(event.has("MaximumBatchingWindowInSeconds")).isTrue();
            var destination = event.path("DestinationConfig").path("OnFailure");
            assertThat(destination.path("Type").asText()).isEqualTo("SQS");
            var queue =
                    destination.path("Destination").path("Fn::GetAtt").path(0).asText();
            assertThat(root.path("Resources").path(queue).path("Type").asText()).isEqualTo("AWS::SQS::Queue");
            assertThat(root.path("Resources")
                            .path(queue)
                            .path("Properties")
                            .path("SqsManagedSseEnabled")
                            .asBoolean())
                    .isTrue();
        }
        assertThat(retentionEvent("BookingsExpired")
                        .path("Stream")
                        .path("Fn::GetAtt")
                        .toString())
                .isEqualTo("[\"BookingsTable\",\"StreamArn\"]");
        assertThat(retentionEvent("SubjectKeysExpired")
                        .path("Stream")
                        .path("Fn::GetAtt")
                        .toString())
                .isEqualTo("[\"KeysTable\",\"StreamArn\"]");
        assertThat(root.path("Resources")
                        .path("KeysTable")
                        .path("Properties")
                        .path("StreamSpecification")
                        .path("StreamViewType")
                        .asText())
                .as("keys only: no key material in the stream")
                .isEqualTo("KEYS_ONLY");
    }

    @Test
    void retentionFunction_filtersToTtlRemovals_andOnKeysToSubjectKeysOnly() throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (var name : List.of("BookingsExpired", "SubjectKeysExpired")) {
            var filters = retentionEvent(name).path("FilterCriteria").path("Filters");
            assertThat(filters).as(name).hasSize(1);
            var pattern = mapper.readTree(filters.get(0).path("Pattern").asText());
            assertThat(pattern.path("userIdentity").toString())
                    .isEqualTo("{\"type\":[\"Service\"],\"principalId\":[\"dynamodb.amazonaws.com\"]}");
            assertThat(pattern.path("eventName").toString()).isEqualTo("[\"REMOVE\"]");
        }
        var keys = mapper.readTree(retentionEvent("SubjectKeysExpired")
                .path("FilterCriteria")
                .path("Filters")
                .get(0)
                .path("Pattern")
                .asText());
        assertThat(keys.path("dynamodb").path("Keys").path("pk").toString())
                .isEqualTo("{\"S\":[{\"prefix\":\"SUBJECT#\"}]}");
    }

    @Test
    void consentRetention_reachesEveryFunctionAsAnEnvironmentVariable() {
        assertThat(root.path("Globals")
                        .path("Function")
                        .path("Environment")
                        .path("Variables")
                        .path("CONSENT_RETENTION_YEARS")
                        .path("Ref")
                        .asText())
                .isEqualTo("ConsentRetentionYears");
        assertThat(root.path("Parameters")
                        .path("ConsentRetentionYears")
                        .path("Default")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void staffRoutes_allOfThem_areServedByTheStaffFunctionBehindTheStaffAuthorizer() {
        var staff = template.functions().stream()
                .filter(f -> f.logicalId().equals("StaffFunction"))
                .findFirst()
                .orElseThrow();
        assertThat(staff.routes())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactlyInAnyOrder(
                        "GET /staff/bookings",
                        "GET /staff/bookings/{bookingId}",
                        "POST /staff/bookings/{bookingId}/cancel",
                        "POST /staff/services",
                        "PUT /staff/services/{serviceId}");
        assertThat(staff.routes()).allSatisfy(r -> assertThat(r.authorizer()).isEqualTo("StaffAuthorizer"));
    }

    @Test
    void consentFunction_servesTheConsentRoutesWithTheConsentRetention() {
        var consent = template.functions().stream()
                .filter(f -> f.logicalId().equals("ConsentFunction"))
                .findFirst()
                .orElseThrow();
        assertThat(consent.routes())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactlyInAnyOrder("GET /consent-purposes", "GET /consents", "PUT /consents/{purpose}");
        assertThat(consent.environment()).containsEntry("CONSENT_RETENTION_YEARS", "3");

        // What it may touch: TemplatePolicyTest.
        assertThat(root.path("Resources")
                        .path("ConsentFunctionLogGroup")
                        .path("Properties")
                        .path("LogGroupName")
                        .path("Fn::Sub")
                        .asText())
                .isEqualTo("/aws/lambda/${ConsentFunction}");
    }
}
