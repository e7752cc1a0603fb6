package com.safebook.local.aws;

/**
 * One AWS service that the local stack's AWS endpoint answers over the AWS JSON protocol: the
 * request names its operation in {@code X-Amz-Target: <prefix>.<Operation>} and carries a JSON
 * body; the answer is JSON, errors as {@code {"__type": "...", "message": "..."}}.
 */
public interface AwsJsonService {

    /** The part of {@code X-Amz-Target} before the dot, such as {@code TrentService} for KMS. */
    String targetPrefix();

    /**
     * Answers one operation.
     *
     * @param operation the part of {@code X-Amz-Target} after the dot, such as {@code Decrypt}
     * @param body the request body (JSON)
     */
    AwsJsonResponse handle(String operation, byte[] body);
}
