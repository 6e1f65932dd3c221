package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second level with {@code orgql.read-cache.shared} on, against an in-memory {@link SharedReadStore}
 * standing in for Redis: a miss of this replica asks the store before Logto, files Logto's answer there
 * with its kind's TTL and its tags, serves what another replica filed without calling Logto, and every
 * change (here an own write) evicts its tags from the store.
 */
@MicronautTest
class SharedReadStoreTest extends GatewayTest {
    private static final String ORG = "/api/organizations/" + Ids.ORG_A;
    private static final String KEY = "GET " + ORG;
    static final MemoryStore STORE = new MemoryStore();

    @MockBean(SharedReadStore.class)
    SharedReadStore store() {
        return STORE;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.read-cache.shared", "true");
    }

    @BeforeEach
    void emptyStore() {
        STORE.clear();
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(ORG)).willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
    }

    @Test
    void aMissAsksTheStoreThenLogtoAndFilesTheAnswerUnderItsTags() {
        assertThat(organizationName()).isEqualTo("Acme");

        assertThat(ReadCacheTest.reads(ORG)).isEqualTo(1);
        assertThat(STORE.asked).containsExactly(KEY);
        assertThat(STORE.puts).containsExactly(new Put(KEY, Duration.ofSeconds(10), Set.of("org:" + Ids.ORG_A)));
    }

    @Test
    void whatAnotherReplicaFiledIsServedWithoutCallingLogto() {
        ObjectNode filed = Fixtures.organization(Ids.ORG_A, "Filed by another replica");
        STORE.entries.put(
                KEY, new SharedReadStore.StoredRead(200, filed.toString().getBytes(StandardCharsets.UTF_8), null));

        assertThat(organizationName()).isEqualTo("Filed by another replica");
        assertThat(ReadCacheTest.reads(ORG)).isZero();
    }

    @Test
    void anOwnWriteEvictsItsTagsFromTheStore() {
        LogtoMock.stub(WireMock.patch(urlPathEqualTo(ORG))
                .willReturn(LogtoMock.json(
                        ((ObjectNode) Fixtures.load("organization.patch.response.json")).put("id", Ids.ORG_A))));
        organizationName();

        Answer renamed = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:organization"),
                operation("renameOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "name", "Acme 2")));

        assertThat(renamed.errors()).as(renamed.body().toString()).isNull();
        assertThat(STORE.evicted).contains(Set.of("org:" + Ids.ORG_A));
        assertThat(STORE.entries).doesNotContainKey(KEY);
    }

    private String organizationName() {
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("organizationName"), Map.of("id", Ids.ORG_A));
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        return answer.data().at("/organization/name").asText();
    }

    record Put(String key, Duration ttl, Set<String> tags) {}

    /** Redis's part, in memory: answers by key, tags by key, and what was asked of it. */
    static final class MemoryStore implements SharedReadStore {
        final Map<String, StoredRead> entries = new ConcurrentHashMap<>();
        final Map<String, Set<String>> tagsOf = new ConcurrentHashMap<>();
        final List<String> asked = new CopyOnWriteArrayList<>();
        final List<Put> puts = new CopyOnWriteArrayList<>();
        final List<Set<String>> evicted = new CopyOnWriteArrayList<>();

        void clear() {
            entries.clear();
            tagsOf.clear();
            asked.clear();
            puts.clear();
            evicted.clear();
        }

        @Override
        public CompletableFuture<Optional<StoredRead>> get(String key) {
            asked.add(key);
            return CompletableFuture.completedFuture(Optional.ofNullable(entries.get(key)));
        }

        @Override
        public void put(String key, StoredRead read, Duration ttl, Set<String> tags) {
            puts.add(new Put(key, ttl, tags));
            entries.put(key, read);
            tagsOf.put(key, tags);
        }

        @Override
        public void evict(Set<String> tags) {
            evicted.add(tags);
            tagsOf.entrySet().removeIf(entry -> {
                boolean drop = entry.getValue().stream().anyMatch(tags::contains);
                if (drop) {
                    entries.remove(entry.getKey());
                }
                return drop;
            });
        }
    }
}
