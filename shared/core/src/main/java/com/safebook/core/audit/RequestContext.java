package com.safebook.core.audit;

import java.util.Objects;

/**
 * Where a request came from, as far as the audit trail needs it. The source address is kept only
 * truncated (IPv4 to /24, IPv6 to /48): a full IP address is personal data.
 */
public record RequestContext(Actor actor, String requestId, String sourceIpAddress, String userAgent) {
    private static final int MAX_USER_AGENT = 256;

    public RequestContext {
        Objects.requireNonNull(actor);
        requestId = requestId == null ? "" : requestId;
        sourceIpAddress = truncateAddress(sourceIpAddress);
        userAgent = userAgent == null
                ? ""
                : userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
    }

    public RequestContext as(Actor other) {
        return new RequestContext(other, requestId, sourceIpAddress, userAgent);
    }

    static String truncateAddress(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        if (address.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return address.substring(0, address.lastIndexOf('.')) + ".0";
        }
        if (address.contains(":") && address.matches("[0-9A-Fa-f:]+")) {
            var groups = address.split(":", -1);
            if (groups.length >= 3 && !address.startsWith("::")) {
                return groups[0] + ":" + groups[1] + ":" + groups[2] + "::";
            }
            return "::";
        }
        return "";
    }
}
