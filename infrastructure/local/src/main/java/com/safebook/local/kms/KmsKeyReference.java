package com.safebook.local.kms;

/** How a key is named: its id (what {@code !Ref} of an {@code AWS::KMS::Key} gives) and its ARN. */
public record KmsKeyReference(String keyId, String arn) {}
