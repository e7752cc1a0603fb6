package com.safebook.aws.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import com.safebook.core.staff.StaffRole;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaffClaimsTest {
    @Test
    void identity_restApiClaims_readsSubjectGroupsAndMfa() {
        var identity = StaffClaims.identity(
                Map.of("sub", "a1b2", "cognito:groups", "staff,admin", "amr", "pwd,mfa", "email", "x@example.test"));

        assertThat(identity.subject()).isEqualTo("a1b2");
        assertThat(identity.groups()).containsExactly("admin", "staff");
        assertThat(identity.roles()).containsExactlyInAnyOrder(StaffRole.ADMIN, StaffRole.STAFF);
        assertThat(identity.mfaAuthenticated()).isTrue();
        assertThat(identity.actor().type()).isEqualTo("StaffUser");
        assertThat(identity.actor().principalId()).isEqualTo("a1b2");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "staff,admin | | true",
                "[admin staff] | pwd mfa | true",
                "auditor | pwd | false",
                "'' | swk | true",
                "root | | true"
            })
    void identity_groupsAndAmrVariants_areReadAsTheyArrive(String groups, String amr, boolean mfa) {
        var claims = new HashMap<String, String>(Map.of("sub", "s-1", "cognito:groups", groups));
        if (amr != null) {
            claims.put("amr", amr);
        }

        var identity = StaffClaims.identity(claims);

        assertThat(identity.mfaAuthenticated()).isEqualTo(mfa);
        assertThat(identity.groups()).allSatisfy(g -> assertThat(g).doesNotContain(",", "[", "]", " "));
    }

    @Test
    void identity_withoutSubject_isUnauthenticated() {
        assertThatThrownBy(() -> StaffClaims.identity(Map.of("cognito:groups", "admin")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
                    assertThat(e.code()).isEqualTo("unauthorized");
                });
    }
}
