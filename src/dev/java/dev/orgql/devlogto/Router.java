package dev.orgql.devlogto;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Method + path pattern → handler. Patterns use {@code {name}} segments. Routes are tried in
 * registration order, but a literal segment always beats a parameter, so
 * {@code POST /api/organizations/{id}/users/roles} wins over {@code .../users/{userId}} whatever the order.
 */
final class Router {
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    private record Route(String method, String[] segments, Handler handler) {
        int literalCount() {
            int n = 0;
            for (String s : segments) if (!s.startsWith("{")) n++;
            return n;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Router get(String pattern, Handler h) {
        return add("GET", pattern, h);
    }

    Router post(String pattern, Handler h) {
        return add("POST", pattern, h);
    }

    Router put(String pattern, Handler h) {
        return add("PUT", pattern, h);
    }

    Router patch(String pattern, Handler h) {
        return add("PATCH", pattern, h);
    }

    Router delete(String pattern, Handler h) {
        return add("DELETE", pattern, h);
    }

    Router add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    /** Finds the handler and stores the decoded path parameters on the request. */
    Optional<Handler> match(Request request) {
        String[] actual = split(request.path);
        Route best = null;
        Map<String, String> bestParams = null;
        for (Route route : routes) {
            if (!route.method.equals(request.method) || route.segments.length != actual.length) continue;
            Map<String, String> params = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < actual.length && ok; i++) {
                String want = route.segments[i];
                String got = URLDecoder.decode(actual[i].replace("+", "%2B"), StandardCharsets.UTF_8);
                if (want.startsWith("{")) {
                    if (got.isEmpty()) ok = false;
                    else params.put(want.substring(1, want.length() - 1), got);
                } else {
                    ok = want.equals(actual[i]);
                }
            }
            if (ok && (best == null || route.literalCount() > best.literalCount())) {
                best = route;
                bestParams = params;
            }
        }
        if (best == null) return Optional.empty();
        request.pathParams = bestParams;
        return Optional.of(best.handler);
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.split("/", -1);
    }
}
