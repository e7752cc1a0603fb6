package com.safebook.core.audit.integrity;

import java.util.List;

/** The verifier's answer: valid when no finding is an error. */
public record Verification(boolean valid, List<Finding> findings) {
    public Verification {
        findings = List.copyOf(findings);
    }

    static Verification of(List<Finding> findings) {
        return new Verification(findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR), findings);
    }
}
