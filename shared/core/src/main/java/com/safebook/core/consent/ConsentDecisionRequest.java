package com.safebook.core.consent;

/**
 * A person's decision on one purpose, as submitted ({@code PUT /consents/{purpose}}): unvalidated.
 *
 * @param granted true to grant (for an opt-out purpose: to opt out), false to withdraw
 * @param policyVersion the version of the policy text the person was shown
 */
public record ConsentDecisionRequest(Boolean granted, String policyVersion) {}
