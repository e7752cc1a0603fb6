package com.safebook.consent;

import com.safebook.core.consent.ConsentDecisionRequest;

/** The body of {@code PUT /consents/{purpose}}; unknown fields are refused by the mapper. */
record ConsentDecisionBody(Boolean granted, String policyVersion) {
    ConsentDecisionRequest toRequest() {
        return new ConsentDecisionRequest(granted, policyVersion);
    }
}
