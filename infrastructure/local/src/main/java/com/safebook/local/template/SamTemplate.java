package com.safebook.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the local stack needs of {@code template.yaml}: the tables, the functions with their
 * handlers, routes and environment, the APIs' authorizers, and the parameters' defaults. Locally, a
 * resource's physical name is its logical id, so {@code !Ref BookingsTable} resolves to
 * {@code BookingsTable} and {@code !GetAtt StaffUserPool.Arn} to {@code StaffUserPool}.
 */
public final class SamTemplate {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9:._]+)}");

    private final JsonNode root;
    private final Map<String, String> overrides;

    private SamTemplate(JsonNode root, Map<String, String> overrides) {
        this.root = root;
        this.overrides = Map.copyOf(overrides);
    }

    public static SamTemplate read(InputStream yaml, Map<String, String> pseudoParameters) throws IOException {
        return new SamTemplate(CloudFormationYaml.read(yaml), pseudoParameters);
    }

    /**
     * This template with more names resolved, as CloudFormation knows them once resources exist:
     * {@code LogicalId} for {@code !Ref}, {@code LogicalId.Attribute} for {@code !GetAtt}.
     */
    public SamTemplate withResolved(Map<String, String> names) {
        var all = new java.util.HashMap<>(overrides);
        all.putAll(names);
        return new SamTemplate(root, all);
    }

    public JsonNode root() {
        return root;
    }

    /** Logical ids and properties of all resources of {@code type}, in template order. */
    public Map<String, JsonNode> resources(String type) {
        var found = new LinkedHashMap<String, JsonNode>();
        root.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return found;
    }

    public List<Function> functions() {
        var functions = new ArrayList<Function>();
        resources("AWS::Serverless::Function").forEach((id, properties) -> {
            var environment = new LinkedHashMap<String, String>();
            root.path("Globals")
                    .path("Function")
                    .path("Environment")
                    .path("Variables")
                    .properties()
                    .forEach(e -> environment.put(e.getKey(), resolve(e.getValue())));
            properties
                    .path("Environment")
                    .path("Variables")
                    .properties()
                    .forEach(e -> environment.put(e.getKey(), resolve(e.getValue())));
            var routes = new ArrayList<Route>();
            properties.path("Events").properties().forEach(e -> {
                if ("Api".equals(e.getValue().path("Type").asText())) {
                    var p = e.getValue().path("Properties");
                    routes.add(new Route(
                            p.path("Method").asText().toUpperCase(java.util.Locale.ROOT),
                            p.path("Path").asText(),
                            e.getKey(),
                            routeAuthorizer(p)));
                }
            });
            functions.add(new Function(
                    id,
                    properties.path("Handler").asText(),
                    environment,
                    routes,
                    setting(properties, "Timeout", 3),
                    setting(properties, "MemorySize", 128)));
        });
        return functions;
    }

    /** The authorizers the template's APIs declare ({@code Auth.Authorizers}), in template order. */
    public List<Authorizer> authorizers() {
        var found = new ArrayList<Authorizer>();
        var seen = new HashSet<String>();
        for (var auth : apiAuths()) {
            auth.path("Authorizers").properties().forEach(e -> {
                if (seen.add(e.getKey())) {
                    found.add(authorizer(e.getKey(), e.getValue()));
                }
            });
        }
        return found;
    }

    /** The authorizer of this name that one of the template's APIs declares. */
    public Optional<Authorizer> authorizer(String name) {
        return authorizers().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * As SAM decides it: the authorizer the event names, else its API's {@code DefaultAuthorizer} (or the
     * one in {@code Globals.Api}); null for none, including SAM's {@code NONE}.
     */
    private String routeAuthorizer(JsonNode event) {
        var named = event.path("Auth").path("Authorizer");
        String name = null;
        if (!named.isMissingNode()) {
            name = resolve(named);
        } else {
            var api = event.has("RestApiId")
                    ? resources("AWS::Serverless::Api").get(resolve(event.get("RestApiId")))
                    : null;
            var fallback = api == null ? null : api.path("Auth").path("DefaultAuthorizer");
            if (fallback == null || fallback.isMissingNode()) {
                fallback = root.path("Globals").path("Api").path("Auth").path("DefaultAuthorizer");
            }
            if (!fallback.isMissingNode()) {
                name = resolve(fallback);
            }
        }
        return name == null || name.isEmpty() || name.equals("NONE") ? null : name;
    }

    /** The {@code Auth} sections of the APIs, then of {@code Globals.Api}, which SAM applies to every API. */
    private List<JsonNode> apiAuths() {
        var auths = new ArrayList<JsonNode>();
        resources("AWS::Serverless::Api").values().forEach(api -> auths.add(api.path("Auth")));
        auths.add(root.path("Globals").path("Api").path("Auth"));
        return auths;
    }

    private Authorizer authorizer(String name, JsonNode declared) {
        var userPools = new ArrayList<String>();
        var arns = declared.path("UserPoolArn");
        if (arns.isArray()) {
            arns.forEach(arn -> userPools.add(resolve(arn)));
        } else if (!arns.isMissingNode()) {
            userPools.add(resolve(arns));
        }
        var header = declared.path("Identity").path("Header");
        return new Authorizer(name, userPools, header.isMissingNode() ? "Authorization" : resolve(header));
    }

    /**
     * The API's gateway response of {@code type} (such as {@code THROTTLED}), falling back to
     * {@code DEFAULT_4XX} or {@code DEFAULT_5XX} as API Gateway does, and to API Gateway's own
     * {@code {"message": ...}} body when the template declares none.
     */
    public GatewayResponse gatewayResponse(String type, int defaultStatus, String defaultMessage) {
        var responses = resources("AWS::Serverless::Api").values().stream()
                .map(api -> api.path("GatewayResponses"))
                .findFirst()
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        var declared = responses.path(type);
        if (declared.isMissingNode()) {
            declared = responses.path(defaultStatus >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
        }
        if (declared.isMissingNode()) {
            return new GatewayResponse(
                    defaultStatus,
                    Map.of("Content-Type", "application/json"),
                    "{\"message\":\"" + defaultMessage + "\"}");
        }
        var status = declared.has("StatusCode") ? Integer.parseInt(resolve(declared.get("StatusCode"))) : defaultStatus;
        // Static header values, as API Gateway's response parameters write them: '<value>'.
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        declared.path("ResponseParameters").path("Headers").properties().forEach(header -> {
            var value = resolve(header.getValue());
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                headers.put(header.getKey(), value.substring(1, value.length() - 1));
            }
        });
        var body = declared.path("ResponseTemplates").path("application/json").asText("");
        return new GatewayResponse(status, headers, body);
    }

    /**
     * The throttling of the API's stage, from its {@code MethodSettings} (and those of {@code Globals.Api}):
     * the entry for {@code ResourcePath: "/*"} and {@code HttpMethod: "*"} sets every method's limits, an
     * entry for one resource path ({@code ~1} for each slash after the first, as API Gateway writes them) and
     * method sets that method's, and a limit an entry leaves out is the stage's, or the account's default.
     * Like {@link #gatewayResponse}, it reads the first API; the local stack serves one.
     */
    public ApiThrottling throttling() {
        var settings = new ArrayList<JsonNode>();
        resources("AWS::Serverless::Api").values().stream().findFirst().ifPresent(api -> api.path("MethodSettings")
                .forEach(settings::add));
        root.path("Globals").path("Api").path("MethodSettings").forEach(settings::add);
        var stage = ApiThrottling.ACCOUNT_DEFAULT;
        for (var setting : settings) {
            if (stageWide(setting)) {
                stage = limits(setting, stage);
            }
        }
        var methods = new LinkedHashMap<String, ApiThrottling.Limits>();
        for (var setting : settings) {
            if (!stageWide(setting) && (setting.has("ThrottlingRateLimit") || setting.has("ThrottlingBurstLimit"))) {
                var resourcePath = resolve(setting.path("ResourcePath"));
                var path = resourcePath.equals("/")
                        ? "/"
                        : resourcePath.substring(1).replace("~1", "/");
                methods.put(
                        ApiThrottling.key(resolve(setting.path("HttpMethod")).toUpperCase(java.util.Locale.ROOT), path),
                        limits(setting, stage));
            }
        }
        return new ApiThrottling(stage, methods);
    }

    private static boolean stageWide(JsonNode setting) {
        return "/*".equals(setting.path("ResourcePath").asText())
                && "*".equals(setting.path("HttpMethod").asText());
    }

    private ApiThrottling.Limits limits(JsonNode setting, ApiThrottling.Limits inherited) {
        var rate = setting.has("ThrottlingRateLimit")
                ? Double.parseDouble(resolve(setting.get("ThrottlingRateLimit")))
                : inherited.ratePerSecond();
        var burst = setting.has("ThrottlingBurstLimit")
                ? Double.parseDouble(resolve(setting.get("ThrottlingBurstLimit")))
                : inherited.burst();
        return new ApiThrottling.Limits(rate, burst);
    }

    /**
     * A response API Gateway gives by itself: its status, the static headers the template sets (always a
     * {@code Content-Type}), and its body, in which {@code $context.requestId} is filled in.
     */
    public record GatewayResponse(int status, Map<String, String> headers, String bodyTemplate) {
        public GatewayResponse {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        public String contentType() {
            return headers.get("Content-Type");
        }

        public String body(String requestId) {
            return bodyTemplate.replace("$context.requestId", requestId);
        }
    }

    /** A function's setting, else the Globals' one, else Lambda's default. */
    private int setting(JsonNode function, String name, int lambdaDefault) {
        var value = function.has(name)
                ? function.get(name)
                : root.path("Globals").path("Function").path(name);
        return value.isMissingNode() ? lambdaDefault : Integer.parseInt(resolve(value));
    }

    /** The value of a property as the local stack sees it: refs and subs resolved, others as text. */
    public String resolve(JsonNode value) {
        if (value.has("Ref")) {
            return reference(value.get("Ref").asText());
        }
        if (value.has("Fn::Sub") && value.get("Fn::Sub").isTextual()) {
            var matcher = SUB_VARIABLE.matcher(value.get("Fn::Sub").asText());
            var out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(reference(matcher.group(1))));
            }
            matcher.appendTail(out);
            return out.toString();
        }
        if (value.has("Fn::GetAtt")) {
            var attribute = value.get("Fn::GetAtt");
            var logicalId = attribute.get(0).asText();
            return overrides.getOrDefault(logicalId + "." + attribute.path(1).asText(), logicalId);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private String reference(String name) {
        if (overrides.containsKey(name)) {
            return overrides.get(name);
        }
        var parameter = root.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            return Optional.ofNullable(parameter.get("Default"))
                    .map(JsonNode::asText)
                    .orElse("");
        }
        return name;
    }

    /**
     * A function of the template: its logical id, handler ({@code class::method}), environment,
     * routes, and the timeout and memory its Lambda context reports.
     */
    public record Function(
            String logicalId,
            String handler,
            Map<String, String> environment,
            List<Route> routes,
            int timeoutSeconds,
            int memoryMb) {
        public String handlerClass() {
            var separator = handler.indexOf("::");
            return separator < 0 ? handler : handler.substring(0, separator);
        }
    }

    /** One API route: method, path template, the event's name, and the authorizer it requires (or null). */
    public record Route(String method, String path, String eventName, String authorizer) {}

    /**
     * An authorizer of SAM's {@code Auth.Authorizers}: a Cognito user pool authorizer names its pools
     * ({@code UserPoolArn}, resolved locally to their logical ids); a Lambda authorizer names none.
     *
     * @param identityHeader the header that carries the token ({@code Identity.Header}, by default
     *     {@code Authorization})
     */
    public record Authorizer(String name, List<String> userPools, String identityHeader) {
        public Authorizer {
            userPools = List.copyOf(userPools);
        }

        /** Whether this is a Cognito user pool authorizer. */
        public boolean cognito() {
            return !userPools.isEmpty();
        }
    }

    /**
     * The DynamoDB stream events of the template's functions, as Lambda's event source mappings run
     * them: the table whose stream it reads ({@code Stream: !GetAtt <table>.StreamArn}), the batch
     * size, the retries, and the filter patterns.
     */
    public List<StreamEvent> streamEvents() {
        var events = new ArrayList<StreamEvent>();
        var functions = functions();
        resources("AWS::Serverless::Function").forEach((id, properties) -> {
            var function = functions.stream()
                    .filter(f -> f.logicalId().equals(id))
                    .findFirst()
                    .orElseThrow();
            properties.path("Events").properties().forEach(e -> {
                if ("DynamoDB".equals(e.getValue().path("Type").asText())) {
                    var p = e.getValue().path("Properties");
                    var patterns = new ArrayList<String>();
                    p.path("FilterCriteria").path("Filters").forEach(f -> patterns.add(resolve(f.path("Pattern"))));
                    events.add(new StreamEvent(
                            function,
                            e.getKey(),
                            p.path("Stream").path("Fn::GetAtt").path(0).asText(),
                            p.has("BatchSize") ? Integer.parseInt(resolve(p.get("BatchSize"))) : 100,
                            p.has("MaximumRetryAttempts")
                                    ? Integer.parseInt(resolve(p.get("MaximumRetryAttempts")))
                                    : -1,
                            patterns));
                }
            });
        });
        return events;
    }

    /**
     * A function's DynamoDB stream event.
     *
     * @param maximumRetryAttempts -1 for Lambda's default: retry until the records expire
     */
    public record StreamEvent(
            Function function,
            String eventName,
            String table,
            int batchSize,
            int maximumRetryAttempts,
            List<String> filterPatterns) {
        public StreamEvent {
            filterPatterns = List.copyOf(filterPatterns);
        }
    }
}
