package dev.orgql.scaleout;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis is failing now, so that an outage is logged once when it starts (with its first cause)
 * and once when it ends, not at every read of every request in between.
 */
final class RedisOutage {
    private static final Logger LOG = LoggerFactory.getLogger(RedisOutage.class);

    private final AtomicBoolean down = new AtomicBoolean();

    void failed(String what, Throwable cause) {
        if (down.compareAndSet(false, true)) {
            LOG.warn(
                    "Redis is unreachable ({} failed: {}); every replica keeps serving from its own caches and"
                            + " Logto, and invalidations are not shared until it is back",
                    what,
                    cause == null ? "disconnected" : cause.toString());
        }
    }

    void succeeded() {
        if (down.compareAndSet(true, false)) {
            LOG.info("Redis is reachable again");
        }
    }

    boolean down() {
        return down.get();
    }
}
