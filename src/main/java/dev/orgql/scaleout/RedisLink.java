package dev.orgql.scaleout;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's two connections to Redis, made from micronaut-redis's {@link RedisClient}: one for commands
 * (the shared read store, publishing invalidations) and one subscribed to the channel (a subscribed
 * connection can run no other command). Both connect asynchronously, so that start-up neither waits for
 * Redis nor fails without it: a first connection that fails is tried again every max-reconnect-delay, and
 * once connected Lettuce reconnects by itself (and subscribes again). While disconnected, commands fail at
 * once instead of queueing, and every command has the configured timeout, so a missing Redis costs the
 * gateway nothing but the second level.
 */
@Singleton
@Requires(property = "redis.uri")
@Requires(beans = RedisClient.class)
public class RedisLink {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final RedisSettings settings;
    private final RedisOutage outage = new RedisOutage();
    private volatile StatefulRedisConnection<byte[], byte[]> commands;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscription;
    private volatile boolean subscribed;
    private volatile boolean closed;

    RedisLink(RedisClient client, AbstractRedisConfiguration configuration, RedisSettings settings) {
        this.client = client;
        this.uri = configuration.getUri().orElse(configuration);
        this.settings = settings;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(settings.getCommandTimeout().multipliedBy(4))
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(settings.getCommandTimeout()))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                // Lettuce subscribes again after it reconnects; until Redis confirms, messages are missed.
                if (connection == subscription) {
                    subscribed = false;
                }
                if (!closed) {
                    outage.failed("the connection", null);
                }
            }
        });
        connect("commands", () -> client.connectAsync(ByteArrayCodec.INSTANCE, uri), c -> commands = c);
    }

    /** Connects the subscribed connection and hands it over once it is up (again after each failed first try). */
    void subscribe(Consumer<StatefulRedisPubSubConnection<byte[], byte[]>> onConnected) {
        connect("subscription", () -> client.connectPubSubAsync(ByteArrayCodec.INSTANCE, uri), c -> {
            subscription = c;
            onConnected.accept(c);
        });
    }

    /** Redis confirmed the subscription (again, after a reconnect). */
    void subscribed() {
        subscribed = true;
        outage.succeeded();
    }

    /** The commands, or empty while the first connection is not made yet. */
    Optional<RedisAsyncCommands<byte[], byte[]>> commands() {
        StatefulRedisConnection<byte[], byte[]> connection = commands;
        return connection == null ? Optional.empty() : Optional.of(connection.async());
    }

    /**
     * Both connections are up and the channel is subscribed (Lettuce's own view, no Redis call: false from a
     * loss until the reconnect and the subscription again).
     */
    boolean connected() {
        StatefulRedisConnection<byte[], byte[]> c = commands;
        StatefulRedisPubSubConnection<byte[], byte[]> s = subscription;
        return c != null && c.isOpen() && s != null && s.isOpen() && subscribed;
    }

    RedisOutage outage() {
        return outage;
    }

    RedisSettings settings() {
        return settings;
    }

    private <C> void connect(String what, Supplier<CompletionStage<C>> attempt, Consumer<C> onConnected) {
        if (closed) {
            return;
        }
        CompletionStage<C> future;
        try {
            future = attempt.get();
        } catch (RuntimeException e) {
            retryLater(what, e, attempt, onConnected);
            return;
        }
        future.whenComplete((connection, failure) -> {
            if (failure != null) {
                retryLater(what, failure, attempt, onConnected);
            } else if (closed) {
                closeQuietly(connection);
            } else {
                LOG.info("Redis {} connection made to {}:{}", what, uri.getHost(), uri.getPort());
                onConnected.accept(connection);
            }
        });
    }

    private <C> void retryLater(
            String what, Throwable failure, Supplier<CompletionStage<C>> attempt, Consumer<C> onConnected) {
        outage.failed("connecting the " + what + " connection", failure);
        if (closed) {
            return;
        }
        // Lettuce's own scheduler: the one it reconnects with.
        client.getResources()
                .eventExecutorGroup()
                .schedule(
                        () -> connect(what, attempt, onConnected),
                        settings.getMaxReconnectDelay().toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        closed = true;
        closeQuietly(subscription);
        closeQuietly(commands);
    }

    private static void closeQuietly(Object connection) {
        if (connection instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing a Redis connection failed", e);
            }
        }
    }
}
