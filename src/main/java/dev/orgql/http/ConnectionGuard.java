package dev.orgql.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the server's client connections in Netty's pipeline, where a refusal costs no request's work:
 * <ul>
 *   <li>at most {@code orgql.server.max-connections} open connections per listening port (the
 *       health endpoints on their own port, {@code ENDPOINTS_ALL_PORT}, keep their own count, so probes
 *       still get through when the main port is full); a connection beyond it is closed as soon as it
 *       is accepted, before anything is read from it;</li>
 *   <li>{@link RequestReadTimeout} on every HTTP/1 connection.</li>
 * </ul>
 * Without a cap, slow sockets pile up until the process runs out of file descriptors, and then every
 * accept, Logto call and log file fails.
 */
@Singleton
class ConnectionGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    /** Descriptors the process needs besides client connections: Logto's pool, jars, logs, the JDK. */
    private static final long RESERVED_DESCRIPTORS = 200;

    private static final long WARN_INTERVAL_NANOS =
            java.time.Duration.ofMinutes(1).toNanos();

    private final ConnectionLimits limits;

    ConnectionGuard(ConnectionLimits limits) {
        if (limits.getMaxConnections() < 1) {
            throw new ConfigurationException(
                    "ORGQL_SERVER_MAX_CONNECTIONS must be at least 1, not " + limits.getMaxConnections());
        }
        if (limits.getRequestReadTimeout() == null
                || limits.getRequestReadTimeout().isNegative()
                || limits.getRequestReadTimeout().isZero()) {
            throw new ConfigurationException(
                    "ORGQL_SERVER_REQUEST_READ_TIMEOUT must be a positive duration such as 10s, not "
                            + limits.getRequestReadTimeout());
        }
        this.limits = limits;
        warnIfOverFileLimit(limits.getMaxConnections());
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.LISTENER ? new Listener(channel.localAddress()) : this;
            }
        });
        return registry;
    }

    /** One listening port and its count of open connections. */
    private final class Listener implements NettyServerCustomizer {
        private final SocketAddress address;
        private final AtomicInteger open = new AtomicInteger();
        /** Refusals not yet logged, and when the last WARN was written: at most one a minute under a flood. */
        private final AtomicLong refused = new AtomicLong();

        private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

        Listener(SocketAddress address) {
            this.address = address;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            if (role != ChannelRole.CONNECTION) {
                return this;
            }
            int max = limits.getMaxConnections();
            while (true) {
                int now = open.get();
                if (now >= max) {
                    refused(now);
                    return new Refused(channel);
                }
                if (open.compareAndSet(now, now + 1)) {
                    break;
                }
            }
            channel.closeFuture().addListener(closed -> open.decrementAndGet());
            return new Admitted(channel);
        }

        private void refused(int openNow) {
            refused.incrementAndGet();
            long last = lastWarning.get();
            long now = System.nanoTime();
            if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
                LOG.warn(
                        "{} client connection(s) closed at once on {}: {} were open "
                                + "(orgql.server.max-connections); at most one such line a minute",
                        refused.getAndSet(0),
                        address,
                        openNow);
            }
        }
    }

    /** A connection over the cap: closed once Micronaut has set it up, before it reads a byte. */
    private record Refused(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return this;
        }

        @Override
        public void onInitialPipelineBuilt() {
            channel.config().setAutoRead(false);
            channel.close();
        }
    }

    private final class Admitted implements NettyServerCustomizer {
        private final Channel channel;

        Admitted(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            // HTTP/1 only: the gateway serves HTTP/1.1 (no TLS, no h2c); an HTTP/2 stream has no such codec.
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null
                    || pipeline.get(RequestReadTimeout.class.getName()) != null) {
                return;
            }
            RequestReadTimeout timeout = new RequestReadTimeout(limits.getRequestReadTimeout());
            pipeline.addBefore(
                    ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                    RequestReadTimeout.class.getName(),
                    timeout.bytes());
            pipeline.addAfter(
                    ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                    RequestReadTimeout.class.getName() + ".requests",
                    timeout.requests());
        }
    }

    private static void warnIfOverFileLimit(int maxConnections) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            if (limit > 0 && maxConnections + RESERVED_DESCRIPTORS > limit) {
                LOG.warn(
                        "orgql.server.max-connections ({}) is near or over the process's open-file limit ({}): "
                                + "lower ORGQL_SERVER_MAX_CONNECTIONS or raise the limit (ulimit -n)",
                        maxConnections,
                        limit);
            }
        }
    }
}
