package dev.orgql.ops;

import ch.qos.logback.classic.jul.LevelChangePropagator;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends {@code java.util.logging} (and so {@code System.Logger}, which Caffeine writes to) through
 * logback, so that its lines get the gateway's format, request id and filters instead of going to
 * stderr in JUL's two-line format. Keeps JUL's levels in step with logback's, so that a disabled JUL
 * call stays cheap.
 */
public final class JulToLogback extends LevelChangePropagator {
    @Override
    public void start() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        setResetJUL(true);
        super.start();
    }
}
