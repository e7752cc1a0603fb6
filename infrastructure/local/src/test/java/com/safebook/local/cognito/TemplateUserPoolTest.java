package com.safebook.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.local.cognito.UserPoolConfig.MfaConfiguration;
import com.safebook.local.cognito.UserPoolConfig.PasswordPolicy;
import com.safebook.local.template.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateUserPoolTest {
    private static final Map<String, String> LOCAL = Map.of("Stage", "local");

    @Test
    void read_repositoryTemplate_isTheStaffPoolItDeclares() throws IOException {
        SamTemplate template;
        try (var in = Files.newInputStream(Path.of("../../template.yaml"))) {
            template = SamTemplate.read(in, LOCAL);
        }

        var pool = TemplateUserPool.read(template).orElseThrow();

        assertThat(pool.logicalId()).isEqualTo("StaffUserPool");
        var config = pool.config();
        assertThat(config.poolName()).isEqualTo("safebook-local-staff");
        assertThat(config.passwordPolicy()).isEqualTo(PasswordPolicy.strict(12));
        assertThat(config.mfaConfiguration()).isEqualTo(MfaConfiguration.ON);
        assertThat(config.softwareTokenMfaEnabled()).isTrue();
        assertThat(config.adminCreateUserOnly()).isTrue();
        assertThat(config.groups()).containsExactly("admin", "auditor", "staff");
        assertThat(config.appClients()).containsExactly("safebook-local-dashboard");
        assertThat(config.accessTokenValidity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.idTokenValidity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTokenValidity()).isEqualTo(Duration.ofHours(12));
        assertThat(config.refreshTokenRotation()).isTrue();
        assertThat(config.authSessionValidity()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.temporaryPasswordValidity()).isEqualTo(Duration.ofDays(3));
        assertThat(config.lockoutThreshold())
                .isEqualTo(UserPoolConfig.defaults().lockoutThreshold());
    }

    @Test
    void read_templateWithoutPool_isEmpty() {
        assertThat(TemplateUserPool.read(template("Resources: {}"))).isEmpty();
    }

    @Test
    void read_absentProperties_takeCognitosDefaults() {
        var config = TemplateUserPool.read(template(pool("") + client("")))
                .orElseThrow()
                .config();

        assertThat(config.poolName()).isEqualTo("Pool");
        assertThat(config.mfaConfiguration()).isEqualTo(MfaConfiguration.OFF);
        assertThat(config.passwordPolicy()).isEqualTo(PasswordPolicy.strict(8));
        assertThat(config.adminCreateUserOnly()).isFalse();
        assertThat(config.groups()).isEmpty();
        assertThat(config.appClients()).containsExactly("Client");
        assertThat(config.accessTokenValidity()).isEqualTo(Duration.ofHours(1));
        assertThat(config.idTokenValidity()).isEqualTo(Duration.ofHours(1));
        assertThat(config.refreshTokenValidity()).isEqualTo(Duration.ofDays(30));
        assertThat(config.refreshTokenRotation()).isFalse();
        assertThat(config.temporaryPasswordValidity()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void read_validityWithoutUnits_countsHoursAndDaysAsCognitoDoes() {
        var config = TemplateUserPool.read(
                        template(pool("") + client("      AccessTokenValidity: 2\n      RefreshTokenValidity: 5\n")))
                .orElseThrow()
                .config();

        assertThat(config.accessTokenValidity()).isEqualTo(Duration.ofHours(2));
        assertThat(config.refreshTokenValidity()).isEqualTo(Duration.ofDays(5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a client with a secret|'      GenerateSecret: true\\n'|",
                "email addresses as usernames||'      UsernameAttributes: [email]\\n'"
            })
    void read_whatTheEmulatorCannotDo_isRefused(String what, String clientProperties, String poolProperties) {
        var yaml = pool(unescape(poolProperties)) + client(unescape(clientProperties));

        assertThatThrownBy(() -> TemplateUserPool.read(template(yaml)))
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not emulate");
    }

    @ParameterizedTest
    @CsvSource({"'Properties: {}'", "'Properties: {UsernameConfiguration: {CaseSensitive: true}}'"})
    void read_caseSensitiveUsernames_areRefused(String properties) {
        var yaml = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    " + properties + "\n" + client("");

        assertThatThrownBy(() -> TemplateUserPool.read(template(yaml)))
                .hasMessageContaining("case-sensitive usernames");
    }

    @Test
    void read_clientsWithDifferentLifetimes_areRefused() {
        var yaml = pool("") + client("      IdTokenValidity: 2\n") + """
                  Other:
                    Type: AWS::Cognito::UserPoolClient
                    Properties:
                      UserPoolId: !Ref Pool
                """;

        assertThatThrownBy(() -> TemplateUserPool.read(template(yaml))).hasMessageContaining("differ between clients");
    }

    @Test
    void read_twoPools_isRefused() {
        var yaml = pool("") + client("") + """
                  Second:
                    Type: AWS::Cognito::UserPool
                    Properties: {}
                """;

        assertThatThrownBy(() -> TemplateUserPool.read(template(yaml))).hasMessageContaining("one user pool");
    }

    private static String pool(String extraProperties) {
        return """
                Resources:
                  Pool:
                    Type: AWS::Cognito::UserPool
                    Properties:
                      UsernameConfiguration:
                        CaseSensitive: false
                """ + extraProperties;
    }

    private static String client(String extraProperties) {
        return """
                  Client:
                    Type: AWS::Cognito::UserPoolClient
                    Properties:
                      UserPoolId: !Ref Pool
                """ + extraProperties;
    }

    private static String unescape(String csv) {
        return csv == null ? "" : csv.replace("\\n", "\n");
    }

    private static SamTemplate template(String yaml) {
        try {
            return SamTemplate.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), LOCAL);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
