package dev.orgql.graphql;

import dev.orgql.logto.Telemetry;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * One GraphQL request as operators see it: a timer {@code orgql.graphql.operations} by operation name,
 * type and outcome, a counter {@code orgql.graphql.errors} by {@code extensions.code}, a counter
 * {@code orgql.access.denials} by the scope a refused field was missing, and a span per operation under
 * the server's span, with the Management API calls under it ({@link Telemetry#OPERATION_SPAN}).
 *
 * <p>Operation names are the client's choice, so they are labels only while bounded: a GraphQL name of
 * at most 64 characters, among the first {@code orgql.metrics.max-operation-names} distinct ones seen;
 * any other is {@value #OTHER}, a request without a name {@value #UNNAMED}. Neither can be a GraphQL name.
 */
@Singleton
class OperationObserver {
    static final String UNNAMED = "(unnamed)";
    static final String OTHER = "(other)";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9:_.\\-]{1,64}");

    private final Telemetry telemetry;
    private final int maxNames;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    OperationObserver(Telemetry telemetry, @Value("${orgql.metrics.max-operation-names:100}") int maxNames) {
        this.telemetry = telemetry;
        this.maxNames = maxNames;
    }

    Publisher<ExecutionResult> observe(HttpRequest<?> request, Supplier<Publisher<ExecutionResult>> run) {
        Context parent = Context.current();
        // Named when the operation is known (after the parse); until then the span is "graphql".
        Span span = telemetry
                .tracer()
                .spanBuilder("graphql")
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .startSpan();
        long started = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        Publisher<ExecutionResult> result;
        try (PropagatedContext.Scope ignored =
                Telemetry.propagate(parent.with(span).with(Telemetry.OPERATION_SPAN, span))) {
            result = run.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            span.end();
            throw e;
        }
        return Mono.from(result)
                .doOnNext(executed -> {
                    if (done.compareAndSet(false, true)) {
                        finish(request, span, started, executed.getErrors());
                    }
                })
                .doFinally(signal -> {
                    if (done.compareAndSet(false, true)) {
                        finish(request, span, started, null);
                    }
                });
    }

    /** @param errors the answer's errors; null when there was no answer (failed or cancelled) */
    private void finish(HttpRequest<?> request, Span span, long started, List<GraphQLError> errors) {
        String name = nameLabel(RequestFacts.operationName(request));
        String type = RequestFacts.operationType(request);
        type = type == null ? "unknown" : type;
        boolean failed = errors == null || !errors.isEmpty();
        telemetry
                .latencyTimer(
                        "orgql.graphql.operations",
                        "GraphQL requests by operation name and type",
                        "operation",
                        name,
                        "type",
                        type,
                        "outcome",
                        failed ? "error" : "ok")
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        for (GraphQLError error : errors == null ? List.<GraphQLError>of() : errors) {
            Map<String, Object> extensions = error.getExtensions() == null ? Map.of() : error.getExtensions();
            String code = extensions.get("code") instanceof String c
                            && CODE.matcher(c).matches()
                    ? c
                    : "OTHER";
            telemetry
                    .registry()
                    .counter("orgql.graphql.errors", "operation", name, "type", type, "code", code)
                    .increment();
            if (extensions.get("missingScopes") instanceof List<?> missing) {
                for (Object scope : missing) {
                    String permission =
                            scope instanceof String s && SCOPE.matcher(s).matches() ? s : "other";
                    telemetry
                            .registry()
                            .counter("orgql.access.denials", "code", code, "permission", permission)
                            .increment();
                }
            }
        }
        span.updateName(UNNAMED.equals(name) ? type : type + " " + name);
        span.setAttribute("graphql.operation.type", type);
        if (!UNNAMED.equals(name)) {
            span.setAttribute("graphql.operation.name", name);
        }
        if (failed) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    String nameLabel(String operationName) {
        if (operationName == null) {
            return UNNAMED;
        }
        if (!NAME.matcher(operationName).matches()) {
            return OTHER;
        }
        if (names.contains(operationName) || (names.size() < maxNames && names.add(operationName))) {
            return operationName;
        }
        return OTHER;
    }
}
