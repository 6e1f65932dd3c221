package dev.orgql.scaleout;

import dev.orgql.logto.LogtoChange;
import dev.orgql.logto.Telemetry;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.event.annotation.EventListener;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every replica's invalidations everyone's: each {@link LogtoChange} published in this process (a
 * webhook, which reaches one replica only, or an own write) goes to the Redis channel, and each change
 * another replica sent there is published here as a local application event, so the caches that listen
 * drop it as if it had happened here. A replica skips its own messages (by instance id) and never sends
 * on what it received, so a change crosses the channel once. Pub/sub is fire-and-forget: a change sent
 * while Redis is down, or while a replica is disconnected, is lost, and the caches' TTLs bound the
 * staleness that leaves.
 */
@Context
@Requires(beans = RedisLink.class)
public class ChangeRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRelay.class);
    // Micronaut publishes application events synchronously on the publishing thread: while a received
    // change is published here, the listener below hears it on this thread and must not send it back.
    private static final ThreadLocal<Boolean> RELAYING = ThreadLocal.withInitial(() -> false);

    private final RedisLink link;
    private final ApplicationEventPublisher<LogtoChange> events;
    private final ChangeCodec codec = new ChangeCodec();
    private final String instanceId = UUID.randomUUID().toString();
    private final byte[] channel;
    private final Counter published;
    private final Counter received;
    private final Counter failed;

    ChangeRelay(RedisLink link, ApplicationEventPublisher<LogtoChange> events, Telemetry telemetry) {
        this.link = link;
        this.events = events;
        this.channel = link.settings().getChannel().getBytes(StandardCharsets.UTF_8);
        MeterRegistry registry = telemetry.registry();
        this.published = Counter.builder("orgql.redis.messages.published")
                .description("Invalidations this replica sent to the other replicas over Redis")
                .register(registry);
        this.received = Counter.builder("orgql.redis.messages.received")
                .description("Invalidations received from other replicas over Redis and applied here")
                .register(registry);
        this.failed = Counter.builder("orgql.redis.messages.failed")
                .description("Invalidations that could not be sent (Redis unreachable) or received messages"
                        + " that could not be read")
                .register(registry);
        link.subscribe(this::listen);
    }

    /** This replica's id in its messages. */
    public String instanceId() {
        return instanceId;
    }

    @EventListener
    void onChange(LogtoChange change) {
        if (RELAYING.get()) {
            return;
        }
        byte[] message = codec.encode(instanceId, change);
        var commands = link.commands();
        if (commands.isEmpty()) {
            failed.increment();
            link.outage().failed("publishing an invalidation", null);
            return;
        }
        commands.get().publish(channel, message).whenComplete((listeners, failure) -> {
            if (failure != null) {
                failed.increment();
                link.outage().failed("publishing an invalidation", failure);
            } else {
                published.increment();
                link.outage().succeeded();
            }
        });
    }

    private void listen(StatefulRedisPubSubConnection<byte[], byte[]> connection) {
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(byte[] subscribedTo, long count) {
                if (Arrays.equals(subscribedTo, channel)) {
                    link.subscribed();
                }
            }

            @Override
            public void message(byte[] from, byte[] message) {
                if (Arrays.equals(from, channel)) {
                    receive(message);
                }
            }
        });
        connection.async().subscribe(channel).whenComplete((ok, failure) -> {
            if (failure != null) {
                // Lettuce subscribes again after each reconnect; a first subscribe that failed is retried
                // by hand (the connection stays).
                link.outage().failed("subscribing to the invalidation channel", failure);
                connection.async().subscribe(channel);
            } else {
                LOG.info(
                        "Subscribed to Redis channel {} as replica {}",
                        link.settings().getChannel(),
                        instanceId);
            }
        });
    }

    private void receive(byte[] raw) {
        ChangeCodec.Message message;
        try {
            message = codec.decode(raw);
        } catch (IllegalArgumentException e) {
            failed.increment();
            LOG.warn(
                    "Ignored a message on {} that is no invalidation: {}",
                    link.settings().getChannel(),
                    e.getMessage());
            return;
        }
        if (instanceId.equals(message.from())) {
            return;
        }
        if (message.change().isEmpty()) {
            LOG.debug("Ignored an invalidation of an unknown type {} (a newer replica?)", message.type());
            return;
        }
        RELAYING.set(true);
        try {
            events.publishEvent(message.change().get());
        } catch (RuntimeException e) {
            LOG.warn("A listener failed on an invalidation from another replica", e);
        } finally {
            RELAYING.set(false);
            // Counted once applied: whoever sees the count can rely on the caches having dropped it.
            received.increment();
        }
    }
}
