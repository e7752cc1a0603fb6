package com.safebook.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The training still walks the whole API: a step the API now answers otherwise fails here, not silently. */
class AotTrainingTest {
    @Test
    void exercise_freshStack_everyStepAnswersAsExpected() throws Exception {
        try (var stack = LocalStack.start(LocalStackOptions.ephemeral().withTemplate(Path.of("../../template.yaml")))) {
            var steps = AotTraining.exercise(stack);

            assertThat(steps)
                    .containsSubsequence("booking", "booking view", "export")
                    .containsSubsequence("RespondToAuthChallenge", "staff day", "staff booking", "cancel")
                    .contains("VerifySoftwareToken")
                    .hasSize(21);
        }
    }
}
