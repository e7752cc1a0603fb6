package com.safebook.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.local.cognito.UserPoolConfig.MfaConfiguration;
import com.safebook.local.cognito.UserPoolConfig.PasswordPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CognitoUserPoolConfigTest {

    @Test
    void defaults_matchSafeBooksStaffPool() {
        var config = UserPoolConfig.defaults();

        assertThat(config.mfaConfiguration()).isEqualTo(MfaConfiguration.ON);
        assertThat(config.softwareTokenMfaEnabled()).isTrue();
        assertThat(config.passwordPolicy()).isEqualTo(new PasswordPolicy(12, true, true, true, true));
        assertThat(config.adminCreateUserOnly()).isTrue();
        assertThat(config.groups()).containsExactly("staff", "admin", "auditor");
        assertThat(config.appClients()).containsExactly("dashboard");
        assertThat(config.accessTokenValidity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.idTokenValidity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTokenValidity()).isEqualTo(Duration.ofHours(12));
        assertThat(config.refreshTokenRotation()).isTrue();
        assertThat(config.lockoutThreshold()).isEqualTo(5);
        assertThat(config.authSessionValidity()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void builder_mfaOnWithoutSoftwareToken_isRefused() {
        assertThatThrownBy(() ->
                        UserPoolConfig.builder().softwareTokenMfaEnabled(false).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builder_duplicateGroupOrNoClient_isRefused() {
        assertThatThrownBy(() -> UserPoolConfig.builder()
                        .groups(List.of("staff", "staff"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserPoolConfig.builder().appClients(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builder_tokenValidityOutsideCognitosRange_isRefused() {
        assertThatThrownBy(() -> UserPoolConfig.builder()
                        .accessTokenValidity(Duration.ofMinutes(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void violation_eachMissingClass_isNamed() {
        var policy = PasswordPolicy.strict(12);

        assertThat(policy.violation("Sh0rt-pass")).contains("Password not long enough");
        assertThat(policy.violation("lowercase-only-1")).contains("Password must have uppercase characters");
        assertThat(policy.violation("UPPERCASE-ONLY-1")).contains("Password must have lowercase characters");
        assertThat(policy.violation("No-Digits-At-All")).contains("Password must have numeric characters");
        assertThat(policy.violation("NoSymbolsHere123")).contains("Password must have symbol characters");
        assertThat(policy.violation("Correct-Horse-Battery-9")).isEmpty();
        assertThat(policy.violation("Spaces count 9A")).isEmpty();
    }
}
