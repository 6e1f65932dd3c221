package dev.orgql.scaleout;

import dev.orgql.logto.SharedReadStore;
import dev.orgql.logto.Telemetry;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The second level in Redis. A value is a key {@code <prefix>v:<read key>} set with {@code PX} (its TTL);
 * each tag is a set {@code <prefix>t:<tag>} of the value keys filed under it, which lives at least as long
 * as its longest-lived value, so that evicting a tag deletes every value filed under it. Filing and
 * evicting are each one Lua script, atomic in Redis, so neither sees the other half done. Non-blocking
 * (Lettuce async) and never failing: a Redis that cannot be reached or is slower than the command timeout
 * reads as a miss, is counted, and is logged once per outage. Futures complete on Redis I/O threads:
 * callers hand blocking work elsewhere.
 */
@Singleton
@Requires(beans = RedisLink.class)
public class RedisSharedReadStore implements SharedReadStore {
    private static final byte FORMAT = 1;
    // KEYS[1]: the value, KEYS[2..]: its tags; ARGV[1]: the value, ARGV[2]: its TTL in ms.
    private static final String FILE = "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
            + "local ttl = tonumber(ARGV[2])\n"
            + "for i = 2, #KEYS do\n"
            + "  redis.call('SADD', KEYS[i], KEYS[1])\n"
            + "  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end\n"
            + "end\n"
            + "return 1";
    // KEYS: tags. Deletes every value filed under them, then the tags.
    private static final String EVICT = "local n = 0\n"
            + "for i = 1, #KEYS do\n"
            + "  for _, key in ipairs(redis.call('SMEMBERS', KEYS[i])) do n = n + redis.call('DEL', key) end\n"
            + "  redis.call('DEL', KEYS[i])\n"
            + "end\n"
            + "return n";

    private final RedisLink link;
    private final String prefix;
    private final Counter hits;
    private final Counter misses;
    private final Counter readErrors;
    private final Counter writeErrors;

    RedisSharedReadStore(RedisLink link, Telemetry telemetry) {
        this.link = link;
        this.prefix = link.settings().getKeyPrefix();
        MeterRegistry registry = telemetry.registry();
        String reads = "orgql.redis.store.reads";
        String description = "Reads of the shared store in Redis, by result (an error reads as a miss)";
        this.hits = Counter.builder(reads)
                .tag("result", "hit")
                .description(description)
                .register(registry);
        this.misses = Counter.builder(reads)
                .tag("result", "miss")
                .description(description)
                .register(registry);
        this.readErrors = Counter.builder(reads)
                .tag("result", "error")
                .description(description)
                .register(registry);
        this.writeErrors = Counter.builder("orgql.redis.store.write.errors")
                .description("Puts and evictions of the shared store that failed (Redis unreachable or slow)")
                .register(registry);
    }

    @Override
    public CompletableFuture<Optional<StoredRead>> get(String key) {
        Optional<RedisAsyncCommands<byte[], byte[]>> commands = link.commands();
        if (commands.isEmpty()) {
            readErrors.increment();
            link.outage().failed("reading the shared store", null);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<StoredRead>> answer = new CompletableFuture<>();
        try {
            commands.get().get(valueKey(key)).whenComplete((raw, failure) -> {
                if (failure != null) {
                    readErrors.increment();
                    link.outage().failed("reading the shared store", failure);
                    answer.complete(Optional.empty());
                    return;
                }
                link.outage().succeeded();
                Optional<StoredRead> read = raw == null ? Optional.empty() : decode(raw);
                (read.isPresent() ? hits : misses).increment();
                answer.complete(read);
            });
        } catch (RuntimeException e) {
            readErrors.increment();
            link.outage().failed("reading the shared store", e);
            answer.complete(Optional.empty());
        }
        return answer;
    }

    @Override
    public void put(String key, StoredRead read, Duration ttl, Set<String> tags) {
        long millis = ttl.toMillis();
        if (millis <= 0) {
            return;
        }
        byte[][] keys = new byte[tags.size() + 1][];
        keys[0] = valueKey(key);
        int i = 1;
        for (String tag : tags) {
            keys[i++] = tagKey(tag);
        }
        script(FILE, keys, encode(read), String.valueOf(millis).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void evict(Set<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        script(EVICT, tags.stream().map(this::tagKey).toArray(byte[][]::new));
    }

    private void script(String script, byte[][] keys, byte[]... arguments) {
        Optional<RedisAsyncCommands<byte[], byte[]>> commands = link.commands();
        if (commands.isEmpty()) {
            writeErrors.increment();
            link.outage().failed("writing the shared store", null);
            return;
        }
        try {
            commands.get()
                    .<Long>eval(script, ScriptOutputType.INTEGER, keys, arguments)
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            writeErrors.increment();
                            link.outage().failed("writing the shared store", failure);
                        } else {
                            link.outage().succeeded();
                        }
                    });
        } catch (RuntimeException e) {
            writeErrors.increment();
            link.outage().failed("writing the shared store", e);
        }
    }

    private byte[] valueKey(String key) {
        return (prefix + "v:" + key).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] tagKey(String tag) {
        return (prefix + "t:" + tag).getBytes(StandardCharsets.UTF_8);
    }

    // One format byte, the status, whether a total follows, the total, then the body as Logto sent it.
    static byte[] encode(StoredRead read) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(read.body().length + 10);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(read.status());
            out.writeBoolean(read.totalNumber() != null);
            out.writeInt(read.totalNumber() == null ? 0 : read.totalNumber());
            out.write(read.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Empty for anything not written by this format (another version's entry reads as a miss). */
    static Optional<StoredRead> decode(byte[] raw) {
        if (raw.length < 10 || raw[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        buffer.get();
        int status = buffer.getInt();
        boolean hasTotal = buffer.get() != 0;
        int total = buffer.getInt();
        return Optional.of(new StoredRead(status, Arrays.copyOfRange(raw, 10, raw.length), hasTotal ? total : null));
    }
}
