package com.safebook.core.error;

/**
 * One field that failed validation: the field's name as the API spells it and a stable code. Never
 * the submitted value.
 */
public record Violation(String field, String code) {}
