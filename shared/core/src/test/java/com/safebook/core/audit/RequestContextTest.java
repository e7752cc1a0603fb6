package com.safebook.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestContextTest {
    @ParameterizedTest
    @CsvSource({
        "203.0.113.77,203.0.113.0",
        "2001:db8:85a3:8d3:1319:8a2e:370:7348,2001:db8:85a3::",
        "::1,::",
        "not an address,''"
    })
    void truncateAddress_anyAddress_keepsOnlyTheNetwork(String address, String expected) {
        assertThat(RequestContext.truncateAddress(address)).isEqualTo(expected);
    }
}
