package dev.orgql.logto;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.tracing.opentelemetry.OpenTelemetryPropagationContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the gateway's own meters and spans go: micronaut-micrometer's registry (scraped at
 * {@code /prometheus}) and micronaut-tracing's OpenTelemetry. Either may be switched off by settings; then
 * the meters go to a registry nobody reads and the spans nowhere, so no caller needs to ask.
 *
 * <p>It sits in the lowest package so that every layer can use it; it knows nothing of the gateway.
 */
@Singleton
public class Telemetry {
    /** The spans of one GraphQL operation hang under it, whatever upstream call the thread last saw. */
    public static final ContextKey<Span> OPERATION_SPAN = ContextKey.named("orgql.graphql.operation");

    /** Histogram buckets for latencies: a few fixed ones instead of Micrometer's ~70 per series. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Tracer tracer;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    Telemetry(Optional<MeterRegistry> registry, Optional<OpenTelemetry> openTelemetry) {
        // An empty composite registry records nothing: what micrometer itself uses as a no-op.
        this.registry = registry.orElseGet(CompositeMeterRegistry::new);
        this.tracer = openTelemetry.orElseGet(OpenTelemetry::noop).getTracer("dev.orgql");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * The latency timer {@code name} with {@code tags} (name, value, name, value...), with the fixed
     * {@link #LATENCY_BUCKETS}. Found once per series: building and registering it again for every call
     * (a builder, the buckets converted, the registry's look-up) was about 1% of a request's CPU. Callers
     * keep their tags to bounded values (route templates, statuses, bounded operation names), which
     * bounds this map as it bounds the series.
     */
    public Timer latencyTimer(String name, String description, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        Collections.addAll(key, tags);
        return timers.computeIfAbsent(
                key,
                k -> Timer.builder(name)
                        .description(description)
                        .tags(tags)
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry));
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Hits, misses, evictions and size of a cache built with {@code recordStats()}, as {@code cache.*{cache=name}}. */
    public <K, V, C extends Cache<K, V>> C monitor(String name, C cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name, Tags.empty());
        return cache;
    }

    public <K, V, C extends AsyncCache<K, V>> C monitor(String name, C cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name, Tags.empty());
        return cache;
    }

    /**
     * Makes {@code context} current for the code run inside the scope and for whatever Micronaut runs
     * later on its behalf (HTTP client callbacks): Micronaut carries OpenTelemetry's context this way.
     */
    public static PropagatedContext.Scope propagate(Context context) {
        return PropagatedContext.getOrEmpty()
                .plus(new OpenTelemetryPropagationContext(context))
                .propagate();
    }
}
