package com.safebook.local.aws;

import java.nio.charset.StandardCharsets;

/** An answer of the AWS JSON protocol (1.0 or 1.1; both share this shape). */
public record AwsJsonResponse(int status, byte[] body) {

    public static AwsJsonResponse ok(byte[] json) {
        return new AwsJsonResponse(200, json);
    }

    /**
     * An AWS error: the SDKs read the error code from {@code __type} and raise the matching
     * exception (for example {@code NotFoundException} becomes {@code KmsException} subclass
     * {@code NotFoundException}). The message must never contain key material or personal data.
     */
    public static AwsJsonResponse error(int status, String type, String message) {
        var json = "{\"__type\":\"" + escape(type) + "\",\"message\":\"" + escape(message) + "\"}";
        return new AwsJsonResponse(status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        var out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
