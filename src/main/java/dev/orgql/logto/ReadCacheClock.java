package dev.orgql.logto;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** The time the read caches expire by: the system's, replaced in tests so that TTLs pass without sleeping. */
public interface ReadCacheClock extends Ticker {
    /** The system's monotonic clock. */
    @Singleton
    @Secondary
    final class SystemClock implements ReadCacheClock {
        @Override
        public long read() {
            return System.nanoTime();
        }
    }
}
