package com.safebook.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IAM policy documents of a template, read as CloudFormation and SAM deploy them: each function's
 * execution role (its own {@code AWS::IAM::Role}, or the role SAM would generate), and every other
 * document (key policies, bucket, queue and topic policies, managed and inline IAM policies).
 */
final class IamPolicies {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    /** Resource types whose properties hold a policy document, and where. */
    private static final Map<String, String> DOCUMENTS = Map.of(
            "AWS::KMS::Key", "KeyPolicy",
            "AWS::S3::BucketPolicy", "PolicyDocument",
            "AWS::SQS::QueuePolicy", "PolicyDocument",
            "AWS::SNS::TopicPolicy", "PolicyDocument",
            "AWS::IAM::ManagedPolicy", "PolicyDocument",
            "AWS::IAM::Policy", "PolicyDocument");

    private final JsonNode root;

    IamPolicies(JsonNode root) {
        this.root = root;
    }

    /** One statement of one document, with the logical id of the resource that holds it. */
    record Statement(String owner, int index, JsonNode node) {
        String sid() {
            return node.path("Sid").asText("#" + index);
        }

        /** How findings name the statement: {@code <owner>/<Sid>}. */
        String name() {
            return owner + "/" + sid();
        }

        boolean allows() {
            return node.path("Effect").asText().equals("Allow");
        }

        boolean denies() {
            return node.path("Effect").asText().equals("Deny");
        }

        List<String> actions() {
            return texts(node.path("Action"));
        }

        List<JsonNode> resources() {
            return nodes(node.path("Resource"));
        }

        /** Whether a resource is {@code logicalId} itself or an ARN built from it ({@code GetAtt}, {@code Ref}, {@code Sub}). */
        boolean names(String logicalId) {
            return resources().stream()
                    .anyMatch(resource -> logicalIdOf(resource).equals(Optional.of(logicalId)));
        }

        /** The actions of this statement on {@code logicalId}, empty if it does not name it. */
        List<String> actionsOn(String logicalId) {
            return names(logicalId) ? actions() : List.of();
        }
    }

    /** The execution role of each function, by the function's logical id; empty for a role SAM would make. */
    Map<String, Optional<String>> functionRoles() {
        var roles = new LinkedHashMap<String, Optional<String>>();
        resources("AWS::Serverless::Function").forEach((id, function) -> {
            var role = function.path("Role").path("Fn::GetAtt");
            roles.put(id, role.isArray() ? Optional.of(role.path(0).asText()) : Optional.empty());
        });
        return roles;
    }

    /**
     * The statements a function's role allows and denies. With a role of its own, that role's inline
     * policies. Without one, SAM generates a role: the function's inline {@code Policies}, plus what SAM
     * attaches by itself, written out here so that the checks see it ({@code AWSLambdaBasicExecutionRole}
     * and, with tracing, {@code AWSXrayWriteOnlyAccess}), plus a finding for each SAM policy template or
     * managed policy name, whose statements this reader does not expand.
     */
    List<Statement> functionStatements(String functionId) {
        var function = resources("AWS::Serverless::Function").get(functionId);
        var role = functionRoles().get(functionId);
        if (role.isPresent()) {
            return roleStatements(role.get());
        }
        var statements = new ArrayList<Statement>();
        function.path("Policies")
                .forEach(policy -> policy.path("Statement").forEach(s -> add(statements, functionId, s)));
        add(statements, functionId + " (SAM's AWSLambdaBasicExecutionRole)", SAM_BASIC_EXECUTION);
        var tracing = function.path("Tracing")
                .asText(root.path("Globals").path("Function").path("Tracing").asText(""));
        if (tracing.equals("Active") || tracing.equals("PassThrough")) {
            add(statements, functionId + " (SAM's AWSXrayWriteOnlyAccess)", SAM_XRAY);
        }
        return statements;
    }

    /** The policies of a function SAM would expand without this reader seeing their statements. */
    List<String> unexpandedPolicies(String functionId) {
        var function = resources("AWS::Serverless::Function").get(functionId);
        var found = new ArrayList<String>();
        function.path("Policies").forEach(policy -> {
            if (!policy.has("Statement")) {
                found.add(
                        policy.isTextual()
                                ? policy.asText()
                                : policy.fieldNames().next());
            }
        });
        if (function.path("Policies").isTextual()) {
            found.add(function.path("Policies").asText());
        }
        return found;
    }

    List<Statement> roleStatements(String roleId) {
        var statements = new ArrayList<Statement>();
        var role = resources("AWS::IAM::Role").get(roleId);
        if (role != null) {
            role.path("Policies")
                    .forEach(policy ->
                            policy.path("PolicyDocument").path("Statement").forEach(s -> add(statements, roleId, s)));
        }
        return statements;
    }

    /** Every statement of the template: the functions' roles (as deployed) and every other policy document. */
    List<Statement> allStatements() {
        var statements = new ArrayList<Statement>();
        var ownRoles = new ArrayList<String>();
        functionRoles().forEach((function, role) -> {
            role.ifPresent(ownRoles::add);
            statements.addAll(functionStatements(function));
        });
        resources("AWS::IAM::Role").keySet().stream()
                .filter(role -> !ownRoles.contains(role))
                .forEach(role -> statements.addAll(roleStatements(role)));
        DOCUMENTS.forEach((type, property) -> resources(type)
                .forEach((id, properties) ->
                        properties.path(property).path("Statement").forEach(s -> add(statements, id, s))));
        return statements;
    }

    Map<String, JsonNode> resources(String type) {
        var found = new LinkedHashMap<String, JsonNode>();
        root.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return found;
    }

    /**
     * The wildcards of a statement: an action with {@code *}, {@code NotAction} or {@code NotResource}, a
     * resource of {@code *} or an ARN ending in one, a principal of {@code *}.
     */
    static List<String> wildcards(Statement statement) {
        var found = new ArrayList<String>();
        statement.actions().stream().filter(a -> a.contains("*")).forEach(a -> found.add("action " + a));
        if (statement.node().has("NotAction")) {
            found.add("NotAction");
        }
        if (statement.node().has("NotResource")) {
            found.add("NotResource");
        }
        for (var resource : statement.resources()) {
            var text = pattern(resource);
            if (text.contains("*")) {
                found.add("resource " + text);
            }
        }
        var principal = statement.node().path("Principal");
        if (principal.asText().equals("*") || texts(principal.path("AWS")).contains("*")) {
            found.add("principal *");
        }
        return found;
    }

    /** A resource as text, with the {@code ${...}} of a {@code Sub} left out: what is left is literal. */
    static String pattern(JsonNode resource) {
        if (resource.isTextual()) {
            return resource.asText();
        }
        var sub = resource.path("Fn::Sub");
        var text = sub.isArray() ? sub.path(0).asText() : sub.asText("");
        return SUB_VARIABLE.matcher(text).replaceAll("\\${}");
    }

    /** The logical id an ARN is built from: {@code !GetAtt X.Arn}, {@code !Ref X}, or a {@code Sub} starting {@code ${X...}}. */
    static Optional<String> logicalIdOf(JsonNode resource) {
        if (resource.has("Fn::GetAtt")) {
            return Optional.of(resource.path("Fn::GetAtt").path(0).asText());
        }
        if (resource.has("Ref")) {
            return Optional.of(resource.path("Ref").asText());
        }
        var sub = resource.path("Fn::Sub");
        var text = sub.isArray() ? sub.path(0).asText() : sub.asText("");
        var matcher = Pattern.compile("^\\$\\{([A-Za-z0-9]+)[.}]").matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static List<String> texts(JsonNode node) {
        var texts = new ArrayList<String>();
        nodes(node).forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<JsonNode> nodes(JsonNode node) {
        var nodes = new ArrayList<JsonNode>();
        if (node.isArray()) {
            node.forEach(nodes::add);
        } else if (!node.isMissingNode()) {
            nodes.add(node);
        }
        return nodes;
    }

    private static void add(List<Statement> statements, String owner, JsonNode statement) {
        statements.add(new Statement(owner, statements.size(), statement));
    }

    /** What the managed AWSLambdaBasicExecutionRole grants, which SAM attaches to every role it makes. */
    private static final JsonNode SAM_BASIC_EXECUTION =
            statement("Allow", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"), "*");

    /** What the managed AWSXrayWriteOnlyAccess grants, which SAM attaches to a traced function's role. */
    private static final JsonNode SAM_XRAY = statement(
            "Allow",
            List.of(
                    "xray:PutTraceSegments",
                    "xray:PutTelemetryRecords",
                    "xray:GetSamplingRules",
                    "xray:GetSamplingTargets",
                    "xray:GetSamplingStatisticSummaries"),
            "*");

    private static JsonNode statement(String effect, List<String> actions, String resource) {
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        var statement = nodes.objectNode().put("Effect", effect).put("Resource", resource);
        var array = statement.putArray("Action");
        actions.forEach(array::add);
        return statement;
    }
}
