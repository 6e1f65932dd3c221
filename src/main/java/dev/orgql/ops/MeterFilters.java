package dev.orgql.ops;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Micronaut's HTTP client timer ({@code http.client.requests}) knows a route only for declarative
 * clients; the Logto client sends built paths, so it would count every call under one useless label.
 * {@code orgql.upstream.requests} counts them by route template instead.
 */
@Factory
class MeterFilters {
    @Singleton
    @Named("no-http-client-requests")
    MeterFilter noHttpClientRequests() {
        return MeterFilter.denyNameStartsWith("http.client.requests");
    }
}
