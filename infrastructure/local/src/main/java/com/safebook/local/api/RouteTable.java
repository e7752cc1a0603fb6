package com.safebook.local.api;

import com.safebook.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches request paths to the routes of template.yaml, as API Gateway's resource tree does. */
final class RouteTable {
    record Match(SamTemplate.Function function, SamTemplate.Route route, Map<String, String> pathParameters) {}

    private record Entry(SamTemplate.Function function, SamTemplate.Route route, String[] segments) {}

    private final List<Entry> entries = new ArrayList<>();

    RouteTable(List<SamTemplate.Function> functions) {
        for (var function : functions) {
            for (var route : function.routes()) {
                entries.add(new Entry(function, route, segments(route.path())));
            }
        }
        // Literal segments win over parameters, as in API Gateway.
        entries.sort((a, b) -> Long.compare(parameters(a.segments), parameters(b.segments)));
    }

    Optional<Match> match(String method, String path) {
        var requested = segments(path);
        for (var entry : entries) {
            if (!entry.route.method().equals(method) && !entry.route.method().equals("ANY")) {
                continue;
            }
            var parameters = matches(entry.segments, requested);
            if (parameters != null) {
                return Optional.of(new Match(entry.function, entry.route, parameters));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        var parameters = new HashMap<String, String>();
        for (int i = 0; i < template.length; i++) {
            var t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                parameters.put(
                        t.substring(1, t.length() - 1),
                        java.net.URLDecoder.decode(
                                path[i].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static long parameters(String[] segments) {
        return java.util.Arrays.stream(segments).filter(s -> s.startsWith("{")).count();
    }

    private static String[] segments(String path) {
        var trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
