package dev.orgql.logto;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

/**
 * A Logto call cancelled on purpose (its request ended, ran out of time or lost its client) may still
 * fail afterwards, when the gateway closes its connection; Reactor then reports that error as "dropped"
 * at ERROR with a stack trace, once per cancelled call. It is expected, so it is logged at DEBUG.
 */
@Context
class DroppedErrors {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedErrors.class);

    DroppedErrors() {
        // Reactor keeps one such hook for the whole JVM; the gateway is its only user.
        Hooks.onErrorDropped(error -> LOG.debug("A cancelled call failed afterwards: {}", error.toString()));
    }

    @PreDestroy
    void stop() {
        Hooks.resetOnErrorDropped();
    }
}
