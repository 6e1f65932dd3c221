package dev.orgql.ops;

import dev.orgql.graphql.RequestFacts;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request gets a request id: the caller's {@code X-Request-Id} when it is a plain token (so a
 * proxy's or frontend's id joins the logs up), a new UUID otherwise. It is in the MDC ({@code requestId})
 * of every log line written for the request, on whatever thread (Micronaut's context propagation), in
 * the {@code X-Request-Id} response header, and in {@code extensions.requestId} of GraphQL errors.
 *
 * <p>One access log line per request on the logger {@code orgql.access}, at INFO: method, path (never the
 * query string: a GET query's variables may hold emails), status, duration, GraphQL operation name and
 * type, caller kind, and the organization the token is bound to. Never a token, an email or a variable.
 * Successful health probes are not logged: they come every few seconds and say nothing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE) // first, so that the other filters' log lines have the id too
public class RequestLog {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    /** What may come from outside into the logs and the answers: no spaces, quotes or control characters. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private static final Logger ACCESS = LoggerFactory.getLogger("orgql.access");
    private static final String STARTED = RequestLog.class.getName() + ".started";

    @RequestFilter
    public void start(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        RequestFacts.requestId(request, id);
        request.setAttribute(STARTED, System.nanoTime());
        // Micronaut puts it in the MDC on each thread that works for this request.
        context.add(new RequestIdMdc(id));
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = RequestFacts.requestId(request);
        if (id == null) {
            return; // refused before the request filter ran
        }
        response.header(HEADER, id);
        int status = response.code();
        if (request.getPath().startsWith("/health") && status < 300) {
            return;
        }
        long durationMs = request.getAttribute(STARTED, Long.class)
                .map(started -> (System.nanoTime() - started) / 1_000_000)
                .orElse(-1L);
        ACCESS.info(
                "method={} path={} status={} durationMs={} operation={} operationType={} caller={} organization={}",
                request.getMethodName(),
                request.getPath(),
                status,
                durationMs,
                orDash(RequestFacts.operationName(request)),
                orDash(RequestFacts.operationType(request)),
                request.getHeaders().contains("Authorization") ? orDash(RequestFacts.callerKind(request)) : "anonymous",
                orDash(RequestFacts.organizationId(request)));
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
