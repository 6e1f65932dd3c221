package dev.orgql.logto;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpMethod;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One Management API call as operators see it: a timer {@code orgql.upstream.requests} by method, route
 * template ({@link LogtoPath#route}, never a concrete id) and status (Logto's HTTP status, or the
 * failure: {@code timeout}, {@code unavailable}), the calls in flight, and a span named by method and
 * route under the GraphQL operation's span. The span is current while the call is sent, so Micronaut's
 * HTTP client span hangs under it and the {@code traceparent} sent to Logto carries the client's trace.
 *
 * <p>A 401 answered with a fresh token and a read sent once more on a closed connection stay inside one
 * observed call: the route is counted once per call the gateway made, as call-count tests count them.
 */
@Singleton
class UpstreamObserver {
    private final Telemetry telemetry;
    /**
     * Calls started and not yet answered: waiting for a pooled connection or on one. Micronaut's HTTP
     * client does not expose its pool; above {@code orgql.upstream.max-connections} the rest are queued.
     */
    private final AtomicInteger inFlight;

    UpstreamObserver(Telemetry telemetry) {
        this.telemetry = telemetry;
        this.inFlight = telemetry.registry().gauge("orgql.upstream.in.flight", new AtomicInteger());
    }

    CompletableFuture<LogtoResponse> observe(
            HttpMethod method, LogtoPath path, Supplier<CompletableFuture<LogtoResponse>> call) {
        String route = path.route();
        Context current = Context.current();
        Span operation = current.get(Telemetry.OPERATION_SPAN);
        // A DataLoader may dispatch on the thread that finished another upstream call, whose span is then
        // current: calls of one operation are siblings under the operation, not a chain.
        Context parent = operation == null ? current : current.with(operation);
        Span span = telemetry
                .tracer()
                .spanBuilder(method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("http.request.method", method.name())
                .setAttribute("url.template", route)
                .startSpan();
        long started = System.nanoTime();
        inFlight.incrementAndGet();
        CompletableFuture<LogtoResponse> result;
        try (PropagatedContext.Scope ignored = Telemetry.propagate(parent.with(span))) {
            result = call.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((response, error) -> {
            inFlight.decrementAndGet();
            String status = status(response, error);
            telemetry
                    .latencyTimer(
                            "orgql.upstream.requests",
                            "Management API calls by route template and answer",
                            "method",
                            method.name(),
                            "route",
                            route,
                            "status",
                            status)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            if (response != null) {
                span.setAttribute("http.response.status_code", response.status());
            } else {
                LogtoException failure = LogtoErrors.unwrap(error);
                if (failure != null && failure.status() > 0) {
                    span.setAttribute("http.response.status_code", failure.status());
                }
                span.setAttribute("orgql.upstream.outcome", status);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    private static String status(LogtoResponse response, Throwable error) {
        if (response != null) {
            return String.valueOf(response.status());
        }
        LogtoException failure = LogtoErrors.unwrap(error);
        if (failure == null) {
            return "error";
        }
        return failure.status() > 0
                ? String.valueOf(failure.status())
                : failure.failure().name().toLowerCase(Locale.ROOT);
    }
}
