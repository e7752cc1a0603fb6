package com.safebook.bench.stack;

import com.safebook.local.dynamodb.TableProvisioner;
import com.safebook.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The functions of template.yaml as the local stack deploys them: handler, jar ({@code CodeUri}),
 * memory, timeout, and environment ({@code Globals} and the function's own, {@code JAVA_TOOL_OPTIONS}
 * included), with references resolved to the stack's resources. Locally a table's name is its logical
 * id; a KMS key's ARN is read from the stack's KMS through the alias the template gives it.
 */
public final class TemplateFunctions {
    /** The names the local stack resolves the template with (LocalStack.readTemplate). */
    public static final String REGION = "us-east-1";

    public static final String ACCOUNT = "000000000000";
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region", REGION,
            "AWS::AccountId", ACCOUNT,
            "AWS::Partition", "aws",
            "AWS::StackName", "safebook-local",
            "Stage", "local");

    private final SamTemplate template;
    private final Path root;

    private TemplateFunctions(SamTemplate template, Path root) {
        this.template = template;
        this.root = root;
    }

    /** Reads {@code <root>/template.yaml} and resolves its keys through the stack's KMS. */
    public static TemplateFunctions read(Path root, KmsClient kms) {
        try (var in = Files.newInputStream(root.resolve("template.yaml"))) {
            var template = SamTemplate.read(in, PSEUDO_PARAMETERS);
            return new TemplateFunctions(template.withResolved(keys(template, kms)), root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root.resolve("template.yaml"), e);
        }
    }

    /**
     * The template's table {@code logicalId} as a {@code CreateTable} request for a table named
     * {@code name}: its keys, attributes, indexes and stream, as the local stack makes it.
     */
    public CreateTableRequest table(String logicalId, String name) {
        var properties = template.resources("AWS::DynamoDB::Table").get(logicalId);
        if (properties == null) {
            throw new IllegalArgumentException("template.yaml has no table " + logicalId);
        }
        return TableProvisioner.createRequest(name, properties);
    }

    /** The function {@code logicalId} of the template, reported as {@code name}. */
    public FunctionDefinition function(String name, String logicalId) {
        var function = template.functions().stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no function " + logicalId));
        var codeUri = template.resources("AWS::Serverless::Function")
                .get(logicalId)
                .path("CodeUri")
                .asText(template.root()
                        .path("Globals")
                        .path("Function")
                        .path("CodeUri")
                        .asText());
        return new FunctionDefinition(
                name,
                logicalId,
                function.handler(),
                root.resolve(codeUri),
                function.memoryMb(),
                Duration.ofSeconds(function.timeoutSeconds()),
                function.environment());
    }

    /** The template's {@code Globals} for functions: memory, timeout and environment, for the floor. */
    public FunctionDefinition globals(String name, String logicalId, String handler, Path jar) {
        var globals = template.root().path("Globals").path("Function");
        var environment = new LinkedHashMap<String, String>();
        globals.path("Environment")
                .path("Variables")
                .properties()
                .forEach(e -> environment.put(e.getKey(), template.resolve(e.getValue())));
        return new FunctionDefinition(
                name,
                logicalId,
                handler,
                jar,
                globals.path("MemorySize").asInt(128),
                Duration.ofSeconds(globals.path("Timeout").asInt(3)),
                environment);
    }

    /** Each AWS::KMS::Key's id and ARN, found through the aliases that name it. */
    private static Map<String, String> keys(SamTemplate template, KmsClient kms) {
        var resolved = new LinkedHashMap<String, String>();
        template.resources("AWS::KMS::Alias").forEach((logicalId, alias) -> {
            var key = template.resolve(alias.path("TargetKeyId"));
            var metadata = kms.describeKey(r -> r.keyId(template.resolve(alias.path("AliasName"))))
                    .keyMetadata();
            resolved.put(key, metadata.keyId());
            resolved.put(key + ".KeyId", metadata.keyId());
            resolved.put(key + ".Arn", metadata.arn());
        });
        return resolved;
    }
}
