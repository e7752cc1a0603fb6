package com.safebook.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.safebook.local.template.SamTemplate;
import com.safebook.template.IamPolicies.Statement;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, as template.yaml grants it, over every function and every policy document of the
 * template, so that a function or a statement added later is checked without a new test: one role per
 * function and nothing SAM adds by itself; no wildcard but those AWS requires, each named here with its
 * reason; KMS only for the functions that encrypt, decrypt or sign, on their key, for their purposes; the
 * audit tables append-only for everyone.
 */
class TemplatePolicyTest {
    /** Actions IAM grants only on {@code "*"}: they name no resource of their own. */
    private static final Map<String, String> ACTIONS_WITHOUT_RESOURCES = Map.of(
            "xray:PutTraceSegments", "X-Ray has no resource-level permissions; Lambda's active tracing needs it",
            "xray:PutTelemetryRecords", "X-Ray has no resource-level permissions; Lambda's active tracing needs it",
            "dynamodb:ListStreams", "names no stream; Lambda calls it to set up a stream's event source mapping");

    /** {@code log-group:<one group>:*}: the log streams of one named log group, which Lambda names itself. */
    private static final Pattern LOG_STREAMS_OF_ONE_GROUP =
            Pattern.compile("arn:\\$\\{}:logs:\\$\\{}:\\$\\{}:log-group:/aws/lambda/[^*]+:\\*");

    /**
     * The other wildcards of the template, each with its reason and what must come with it. A wildcard
     * anywhere else fails, and so does an entry here that no longer matches anything.
     */
    private static final Map<String, Wildcard> REQUIRED_WILDCARDS = wildcards(
            new Wildcard(
                    "DataKey/AccountAdministersKey",
                    "KMS's default key policy statement: lets IAM policies grant the key at all and keeps it"
                            + " manageable; in a key policy, Resource \"*\" is this key",
                    s -> s.node().path("Principal").path("AWS").toString().endsWith(":root\"}")),
            new Wildcard(
                    "AuditSigningKey/AccountAdministersKey",
                    "as DataKey's: the account administers its key, through IAM",
                    s -> s.node().path("Principal").path("AWS").toString().endsWith(":root\"}")),
            new Wildcard(
                    "AlarmTopicKey/AccountAdministersKey",
                    "as DataKey's: the account administers its key, through IAM",
                    s -> s.node().path("Principal").path("AWS").toString().endsWith(":root\"}")),
            new Wildcard(
                    "AlarmTopicKey/CloudWatchAlarmsPublishToTheTopic",
                    "CloudWatch encrypts what its alarms publish to the encrypted topic (SNS's documented grant),"
                            + " for this account's alarms only",
                    s -> s.node().path("Principal").path("Service").asText().equals("cloudwatch.amazonaws.com")
                            && s.node().path("Condition").path("StringEquals").has("aws:SourceAccount")),
            new Wildcard(
                    "DataKey/DynamoDbUsesKeyForTables",
                    "DynamoDB's encryption at rest with a customer managed key: any principal of this account,"
                            + " and only through DynamoDB in this Region",
                    s -> s.node().path("Condition").path("StringEquals").has("kms:CallerAccount")
                            && s.node().path("Condition").path("StringEquals").has("kms:ViaService")),
            new Wildcard(
                    "SiteBucketPolicy/ReadByThisDistributionOnly",
                    "every object of the site bucket (its pages), for this one CloudFront distribution",
                    s -> s.node().path("Condition").path("StringEquals").has("AWS:SourceArn")
                            && s.actions().equals(List.of("s3:GetObject"))));

    private record Wildcard(String statement, String reason, Predicate<Statement> condition) {}

    private static final String PERSONAL_DATA = "safebook:personal-data";
    private static final String BLIND_INDEX = "safebook:blind-index";

    /**
     * Which functions may use which key, for what: only these, only these actions, only on that key, and
     * for DataKey only with these encryption-context purposes.
     */
    private static final Map<String, KmsUse> KMS_USE = Map.of(
            "BookingFunction",
            new KmsUse("DataKey", Set.of("kms:GenerateDataKey", "kms:Decrypt"), Set.of(PERSONAL_DATA, BLIND_INDEX)),
            "ErasureFunction",
            new KmsUse("DataKey", Set.of("kms:Decrypt"), Set.of(PERSONAL_DATA, BLIND_INDEX)),
            "StaffFunction",
            new KmsUse("DataKey", Set.of("kms:Decrypt"), Set.of(PERSONAL_DATA)),
            "AuditFunction",
            new KmsUse("AuditSigningKey", Set.of("kms:Sign", "kms:GetPublicKey"), Set.of()),
            "AuditDigestFunction",
            new KmsUse("AuditSigningKey", Set.of("kms:Sign"), Set.of()));

    private record KmsUse(String key, Set<String> actions, Set<String> purposes) {}

    private static final List<String> AUDIT_TABLES = List.of("AuditTable", "AuditDigestsTable");

    /**
     * What could change or remove an audit record or its table. PutItem stays allowed (appending); IAM has no
     * condition that forces {@code attribute_not_exists}, so the writers add it (DynamoDbAuditTrailTest) and
     * the signed digests reveal an overwrite.
     */
    private static final List<String> AUDIT_CHANGES = List.of(
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete",
            "dynamodb:UpdateTable",
            "dynamodb:DeleteTable");

    private static SamTemplate template;
    private static IamPolicies policies;

    @BeforeAll
    static void read() throws IOException {
        try (var in = Files.newInputStream(Path.of("../../template.yaml"))) {
            template = SamTemplate.read(in, Map.of());
        }
        policies = new IamPolicies(template.root());
    }

    @Test
    void functions_eachOne_hasARoleOfItsOwnThatOnlyLambdaAssumes() {
        assertThat(roleFindings(policies)).isEmpty();
    }

    @Test
    void statements_everyWildcard_isOneAwsRequires() {
        assertThat(wildcardFindings(policies)).isEmpty();
    }

    @Test
    void requiredWildcards_eachEntry_stillMatchesAStatement() {
        var names = policies.allStatements().stream().map(Statement::name).toList();
        assertThat(names).containsAll(REQUIRED_WILDCARDS.keySet());
    }

    @Test
    void roles_eachFunctionsRole_writesOnlyItsOwnLogGroup() {
        var functions = policies.resources("AWS::Serverless::Function");
        var logGroups = template.resources("AWS::Logs::LogGroup");
        functions.forEach((id, function) -> {
            var name = function.path("FunctionName").path("Fn::Sub").asText();
            assertThat(name)
                    .as(id + " is named, so that its role can name its log group")
                    .startsWith("safebook-${Stage}-");
            var logs = policies.functionStatements(id).stream()
                    .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("logs:")))
                    .toList();
            assertThat(logs).as(id).singleElement().satisfies(s -> {
                assertThat(s.actions()).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
                assertThat(s.resources())
                        .extracting(r -> r.path("Fn::Sub").asText())
                        .containsExactly(
                                "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/"
                                        + name + ":*");
            });
            assertThat(logGroups.values())
                    .as(id + "'s log group, which the template creates (so the role needs no CreateLogGroup)")
                    .anySatisfy(group -> assertThat(
                                    group.path("LogGroupName").path("Fn::Sub").asText())
                            .isEqualTo("/aws/lambda/${" + id + "}"));
        });
    }

    @Test
    void kms_onlyTheFunctionsThatNeedIt_onlyOnTheirKey_onlyForTheirPurposes() {
        var actual = new TreeMap<String, KmsUse>();
        for (var function : policies.functionRoles().keySet()) {
            var kms = policies.functionStatements(function).stream()
                    .filter(Statement::allows)
                    .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:")))
                    .toList();
            if (kms.isEmpty()) {
                continue;
            }
            var keys = new TreeSet<String>();
            var actions = new TreeSet<String>();
            var purposes = new TreeSet<String>();
            for (var statement : kms) {
                assertThat(statement.resources())
                        .as(statement.name() + ": one key, by its ARN")
                        .singleElement()
                        .satisfies(r -> assertThat(r.path("Fn::GetAtt").path(1).asText())
                                .isEqualTo("Arn"));
                keys.add(IamPolicies.logicalIdOf(statement.resources().getFirst())
                        .orElseThrow());
                actions.addAll(statement.actions());
                var condition =
                        statement.node().path("Condition").path("StringEquals").path("kms:EncryptionContext:purpose");
                if (statement.names("DataKey")) {
                    assertThat(condition)
                            .as(statement.name() + " names its purposes")
                            .isNotEmpty();
                }
                purposes.addAll(IamPolicies.texts(condition));
            }
            assertThat(keys).as(function).hasSize(1);
            actual.put(function, new KmsUse(keys.first(), Set.copyOf(actions), Set.copyOf(purposes)));
        }
        assertThat(actual).isEqualTo(new TreeMap<>(KMS_USE));
    }

    @Test
    void auditTables_noRoleMayChangeOrRemoveARecord_andEveryRoleThatTouchesThemIsDeniedIt() {
        assertThat(auditFindings(policies)).isEmpty();
    }

    @Test
    void alarmTopic_isEncryptedWithAKeyCloudWatchMayUse_soThatAlarmsArrive() {
        var topic = policies.resources("AWS::SNS::Topic").get("OperatorAlarmTopic");
        var key = topic.path("KmsMasterKeyId").path("Ref").asText();
        assertThat(key)
                .as("a customer managed key of the template, not alias/aws/sns")
                .isNotEmpty();
        assertThat(policies.allStatements())
                .filteredOn(s -> s.owner().equals(key) && s.allows())
                .anySatisfy(s -> {
                    assertThat(s.node().path("Principal").path("Service").asText())
                            .isEqualTo("cloudwatch.amazonaws.com");
                    assertThat(s.actions()).containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey*");
                });
    }

    @Test
    void keysTable_onlyTheErasureFunctionMayDeleteAKey() {
        for (var function : policies.functionRoles().keySet()) {
            var onKeys = policies.functionStatements(function).stream()
                    .filter(Statement::allows)
                    .flatMap(s -> s.actionsOn("KeysTable").stream())
                    .toList();
            if (function.equals("ErasureFunction")) {
                assertThat(onKeys).contains("dynamodb:DeleteItem");
            } else {
                assertThat(onKeys).as(function).doesNotContain("dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
            }
        }
    }

    @Test
    void staffFunction_readsKeysAndOnlyDecrypts() {
        var statements = policies.functionStatements("StaffFunction");
        assertThat(statements)
                .filteredOn(Statement::allows)
                .flatMap(s -> s.actionsOn("KeysTable"))
                .as("a booking's key, or a day's customers' keys at once; never a write")
                .containsExactly("dynamodb:GetItem", "dynamodb:BatchGetItem");
        assertThat(statements)
                .filteredOn(Statement::allows)
                .filteredOn(s -> s.actions().contains("dynamodb:Query"))
                .flatMap(Statement::resources)
                .extracting(IamPolicies::pattern)
                .as("the day view queries the byDay index only, not the table")
                .containsExactly("${}/index/byDay");
    }

    @Test
    void consentFunction_readsTokensAndTheLedgerWithoutKmsOrTheKeyTable() {
        var actionsByTable = new TreeMap<String, List<String>>();
        for (var statement : policies.functionStatements("ConsentFunction")) {
            if (!statement.allows()
                    || statement.sid().equals("WriteItsOwnLogs")
                    || statement.sid().equals("Tracing")) {
                continue;
            }
            assertThat(statement.actions()).noneMatch(a -> a.startsWith("kms:"));
            statement.resources().forEach(r -> actionsByTable
                    .computeIfAbsent(IamPolicies.logicalIdOf(r).orElseThrow(), t -> new ArrayList<>())
                    .addAll(statement.actions()));
        }
        assertThat(actionsByTable).containsOnlyKeys("BookingsTable", "AuditTable");
        assertThat(actionsByTable.get("BookingsTable"))
                .containsExactlyInAnyOrder(
                        "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem");
        assertThat(actionsByTable.get("AuditTable")).containsExactly("dynamodb:PutItem");
    }

    @Test
    void retentionFunction_readsItsTwoStreamsAndWritesNothingButTheAuditTable() {
        var statements = policies.functionStatements("RetentionFunction");
        var reads = List.of(
                "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams");
        assertThat(statements)
                .filteredOn(Statement::allows)
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("dynamodb:") && !reads.contains(a)))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactly("dynamodb:PutItem");
                    assertThat(s.resources())
                            .extracting(IamPolicies::logicalIdOf)
                            .containsExactly(Optional.of("AuditTable"));
                });
        assertThat(statements)
                .filteredOn(s -> s.actions().contains("dynamodb:GetRecords"))
                .singleElement()
                .satisfies(s -> assertThat(s.resources())
                        .extracting(r -> r.path("Fn::GetAtt").path(0).asText() + "."
                                + r.path("Fn::GetAtt").path(1).asText())
                        .containsExactly("BookingsTable.StreamArn", "KeysTable.StreamArn"));
        assertThat(statements)
                .filteredOn(Statement::allows)
                .flatMap(Statement::actions)
                .noneMatch(a ->
                        a.startsWith("kms:") || a.equals("dynamodb:DeleteItem") || a.equals("dynamodb:UpdateItem"));
    }

    /**
     * The checks above, on a template that breaks each rule, so that none can pass for want of something to
     * find: a SAM-generated role with a policy template and a managed policy, a wildcard resource, a shared
     * role, an audit table granted UpdateItem without the Deny, and KMS on any key.
     */
    @Test
    void findings_aTemplateThatBreaksEachRule_areAllFound() throws IOException {
        var broken = new IamPolicies(
                SamTemplate.read(new ByteArrayInputStream("""
                                Globals:
                                  Function:
                                    Tracing: Active
                                Resources:
                                  AuditTable: {Type: AWS::DynamoDB::Table}
                                  Generated:
                                    Type: AWS::Serverless::Function
                                    Properties:
                                      Policies:
                                        - AWSLambdaExecute
                                        - DynamoDBCrudPolicy: {TableName: !Ref AuditTable}
                                  SharingA:
                                    Type: AWS::Serverless::Function
                                    Properties: {Role: !GetAtt SharedRole.Arn}
                                  SharingB:
                                    Type: AWS::Serverless::Function
                                    Properties: {Role: !GetAtt SharedRole.Arn}
                                  SharedRole:
                                    Type: AWS::IAM::Role
                                    Properties:
                                      AssumeRolePolicyDocument:
                                        Statement:
                                          - {Effect: Allow, Principal: {Service: [lambda.amazonaws.com, ec2.amazonaws.com]}, Action: sts:AssumeRole}
                                      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
                                      Policies:
                                        - PolicyName: shared
                                          PolicyDocument:
                                            Statement:
                                              - {Sid: AnyTable, Effect: Allow, Action: dynamodb:GetItem, Resource: "*"}
                                              - {Sid: AnyAction, Effect: Allow, Action: "dynamodb:*", Resource: !GetAtt AuditTable.Arn}
                                              - {Sid: RewriteAudit, Effect: Allow, Action: [dynamodb:UpdateItem], Resource: !GetAtt AuditTable.Arn}
                                              - {Sid: AnyKey, Effect: Allow, Action: [kms:Decrypt], Resource: !Sub "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*"}
                                """.getBytes(StandardCharsets.UTF_8)), Map.of())
                        .root());

        assertThat(roleFindings(broken))
                .anyMatch(f -> f.startsWith("Generated") && f.contains("SAM generates its role"))
                .anyMatch(f -> f.startsWith("Generated") && f.contains("DynamoDBCrudPolicy"))
                .anyMatch(f -> f.startsWith("Generated") && f.contains("AWSLambdaExecute"))
                .anyMatch(f -> f.contains("SharedRole") && f.contains("SharingA") && f.contains("SharingB"))
                .anyMatch(f -> f.contains("SharedRole") && f.contains("ec2.amazonaws.com"))
                .anyMatch(f -> f.contains("SharedRole") && f.contains("AdministratorAccess"));
        assertThat(wildcardFindings(broken))
                .anyMatch(f -> f.contains("AWSLambdaBasicExecutionRole") && f.contains("resource *"))
                .anyMatch(f -> f.contains("SharedRole/AnyTable") && f.contains("resource *"))
                .anyMatch(f -> f.contains("SharedRole/AnyAction") && f.contains("action dynamodb:*"))
                .anyMatch(f -> f.contains("SharedRole/AnyKey") && f.contains("key/*"));
        assertThat(auditFindings(broken))
                .anyMatch(f -> f.contains("SharedRole/RewriteAudit") && f.contains("dynamodb:UpdateItem"))
                .anyMatch(f -> f.contains("SharingA") && f.contains("no Deny"));
    }

    /** One role per function, its own, assumed only by Lambda, with nothing attached by name. */
    private static List<String> roleFindings(IamPolicies policies) {
        var findings = new ArrayList<String>();
        var functionsByRole = new LinkedHashMap<String, List<String>>();
        policies.functionRoles().forEach((function, role) -> {
            if (role.isEmpty()) {
                findings.add(function + ": SAM generates its role, with AWSLambdaBasicExecutionRole (logs:* of every"
                        + " log group) and AWSXrayWriteOnlyAccess; give it an AWS::IAM::Role of its own");
                policies.unexpandedPolicies(function)
                        .forEach(p -> findings.add(function + ": " + p
                                + " expands to statements of its own (DynamoDBCrudPolicy: Scan, DeleteItem,"
                                + " BatchWriteItem... on the table and index/*); write the statements out"));
            } else {
                functionsByRole
                        .computeIfAbsent(role.get(), r -> new ArrayList<>())
                        .add(function);
            }
        });
        var roles = policies.resources("AWS::IAM::Role");
        functionsByRole.forEach((role, functions) -> {
            if (functions.size() > 1) {
                findings.add(role + " is shared by " + functions);
            }
            var properties = roles.get(role);
            if (properties == null) {
                findings.add(functions + ": " + role + " is not an AWS::IAM::Role of this template");
                return;
            }
            var trust = properties.path("AssumeRolePolicyDocument").path("Statement");
            var principals = new ArrayList<String>();
            trust.forEach(
                    s -> principals.addAll(IamPolicies.texts(s.path("Principal").path("Service"))));
            trust.forEach(
                    s -> principals.addAll(IamPolicies.texts(s.path("Principal").path("AWS"))));
            if (!principals.equals(List.of("lambda.amazonaws.com"))) {
                findings.add(role + " is assumed by " + principals + ", not Lambda alone");
            }
            if (properties.has("ManagedPolicyArns")) {
                findings.add(role + " attaches " + properties.path("ManagedPolicyArns")
                        + ", whose statements it does not show");
            }
        });
        return findings;
    }

    /** Every wildcard of every statement that is neither an action without resources nor listed with its reason. */
    private static List<String> wildcardFindings(IamPolicies policies) {
        var findings = new ArrayList<String>();
        for (var statement : policies.allStatements()) {
            if (statement.denies()) {
                continue; // a Deny takes away; its breadth is the point
            }
            var wildcards = new ArrayList<>(IamPolicies.wildcards(statement));
            wildcards.removeIf(w -> w.startsWith("resource ")
                    && LOG_STREAMS_OF_ONE_GROUP.matcher(w.substring(9)).matches());
            if (ACTIONS_WITHOUT_RESOURCES.keySet().containsAll(statement.actions())) {
                wildcards.remove("resource *");
            }
            if (wildcards.isEmpty()) {
                continue;
            }
            var required = REQUIRED_WILDCARDS.get(statement.name());
            if (required == null || !required.condition().test(statement)) {
                findings.add(statement.name() + ": " + wildcards);
            }
        }
        return findings;
    }

    /** Grants that could change an audit record, and roles that touch an audit table without the Deny. */
    private static List<String> auditFindings(IamPolicies policies) {
        var findings = new ArrayList<String>();
        for (var function : policies.functionRoles().keySet()) {
            var statements = policies.functionStatements(function);
            var touches =
                    statements.stream().anyMatch(s -> AUDIT_TABLES.stream().anyMatch(s::names));
            for (var statement : statements) {
                if (!statement.allows()) {
                    continue;
                }
                for (var table : AUDIT_TABLES) {
                    statement.actionsOn(table).stream()
                            .filter(a -> AUDIT_CHANGES.contains(a) || a.equals("dynamodb:*"))
                            .forEach(a -> findings.add(statement.name() + " allows " + a + " on " + table));
                }
            }
            var denied = new HashSet<String>();
            statements.stream()
                    .filter(Statement::denies)
                    .filter(s -> AUDIT_TABLES.stream().allMatch(s::names))
                    .forEach(s -> denied.addAll(s.actions()));
            if (touches && !denied.containsAll(AUDIT_CHANGES)) {
                var missing = new ArrayList<>(AUDIT_CHANGES);
                missing.removeAll(denied);
                findings.add(function + " touches the audit tables with no Deny of " + missing);
            }
        }
        return findings;
    }

    private static Map<String, Wildcard> wildcards(Wildcard... wildcards) {
        var byStatement = new LinkedHashMap<String, Wildcard>();
        for (var wildcard : wildcards) {
            byStatement.put(wildcard.statement(), wildcard);
        }
        return byStatement;
    }
}
