package com.safebook.microbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark seals and opens a real booking's fields and hits the key cache, as it claims. */
class PersonalDataBenchmarkTest {
    private static final PersonalDataBenchmark BENCHMARK = new PersonalDataBenchmark();

    @BeforeAll
    static void createKeys() {
        BENCHMARK.createKeys();
    }

    @Test
    void openBooking_sealedFields_givesTheCustomersDataBack() {
        var opened = BENCHMARK.openBooking();

        assertThat(opened)
                .isEqualTo(new PersonalDataBenchmark.Opened(
                        Practice.customerName(), Practice.customerEmail(), Practice.customerPhone(), Practice.notes()));
    }

    @Test
    void sealBooking_eachCall_givesFreshCiphertextsWithoutThePlaintext() {
        var first = BENCHMARK.sealBooking();
        var second = BENCHMARK.sealBooking();

        assertThat(first.name()).isNotEqualTo(second.name());
        assertThat(new String(first.notes(), StandardCharsets.ISO_8859_1)).doesNotContain("knee");
    }

    @Test
    void identifyCachedCustomer_sameEmail_isTheSubjectOfTheBlindIndex() {
        var subject = BENCHMARK.identifyCachedCustomer();

        assertThat(subject.subjectId()).isEqualTo(BENCHMARK.subject.subjectId());
        assertThat(subject.emailIndex()).isEqualTo(BENCHMARK.blindIndexOfEmail());
    }
}
