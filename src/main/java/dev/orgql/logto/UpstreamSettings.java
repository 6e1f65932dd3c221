package dev.orgql.logto;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How the gateway treats a failing Logto: retries of reads ({@code orgql.upstream.retry.*}), the circuit
 * breakers ({@code orgql.upstream.breaker.*}), the token endpoint's backoff ({@code orgql.upstream.token.*})
 * and each GraphQL request's deadline ({@code orgql.request-deadline}). Defaults and environment
 * variables are in application.yml.
 */
public final class UpstreamSettings {
    private UpstreamSettings() {}

    @ConfigurationProperties("orgql.upstream.retry")
    public static class Retry {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(2);

        /** Attempts in total, the first included; 1 turns retries off. */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = Math.max(1, maxAttempts);
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    @ConfigurationProperties("orgql.upstream.breaker")
    public static class Breaker {
        private float failureRateThreshold = 50;
        private int minimumCalls = 20;
        private int slidingWindow = 50;
        private Duration waitInOpen = Duration.ofSeconds(10);
        private int halfOpenCalls = 3;

        /** Percent of the calls in the window that failed, at or above which the breaker opens. */
        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        /** Calls needed in the window before the failure rate is judged at all. */
        public int getMinimumCalls() {
            return minimumCalls;
        }

        public void setMinimumCalls(int minimumCalls) {
            this.minimumCalls = minimumCalls;
        }

        /** The last this many calls make up the failure rate. */
        public int getSlidingWindow() {
            return slidingWindow;
        }

        public void setSlidingWindow(int slidingWindow) {
            this.slidingWindow = slidingWindow;
        }

        /** How long an open breaker answers without calling before it lets probes through (half-open). */
        public Duration getWaitInOpen() {
            return waitInOpen;
        }

        public void setWaitInOpen(Duration waitInOpen) {
            this.waitInOpen = waitInOpen;
        }

        /** Probes a half-open breaker lets through; it closes when they succeed, reopens when they fail. */
        public int getHalfOpenCalls() {
            return halfOpenCalls;
        }

        public void setHalfOpenCalls(int halfOpenCalls) {
            this.halfOpenCalls = halfOpenCalls;
        }
    }

    @ConfigurationProperties("orgql.upstream.token")
    public static class Token {
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration expiryMargin = Duration.ofSeconds(10);

        /** After a failed token fetch, the next may start this long later, doubling up to max-backoff. */
        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        /** A token whose refresh fails is still used until this long before its real expiry. */
        public Duration getExpiryMargin() {
            return expiryMargin;
        }

        public void setExpiryMargin(Duration expiryMargin) {
            this.expiryMargin = expiryMargin;
        }
    }
}
