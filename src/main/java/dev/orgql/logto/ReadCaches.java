package dev.orgql.logto;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The short shared caches of Management API read answers (organizations, member pages, bots,
 * invitations, users by id), one Caffeine cache per {@link ReadKind}, keyed by the exact read (path and
 * query), each kept for its kind's TTL and bounded by {@code orgql.read-cache.max-entries}. Every answer
 * is filed under tags ({@link Tags}) and each {@link LogtoChange} (the gateway's own writes, webhooks,
 * other replicas) drops the answers whose tags it names, here and in the second level
 * ({@link SharedReadStore}), which is asked on a miss when {@code orgql.read-cache.shared} is on.
 *
 * <p>An answer still in flight when a change is heard is not kept (it may predate the change), and reads
 * in flight are no longer joined by new ones. No read of a mutation's request is answered from here
 * ({@link UpstreamBudget#readFresh()}), and the reads that decide or undo a mutation say so themselves
 * too ({@link LogtoClient#fresh()}).
 */
@Singleton
public class ReadCaches {
    private final ReadCacheSettings settings;
    private final SharedReadStore store;
    private final ReadCoalescer coalescer;
    private final LogtoJson json;
    private final Map<ReadKind, Cache<String, Entry>> caches = new EnumMap<>(ReadKind.class);
    /** Bumped by every change: an answer loaded across one is not kept. */
    private final AtomicLong changes = new AtomicLong();

    ReadCaches(
            ReadCacheSettings settings,
            SharedReadStore store,
            ReadCoalescer coalescer,
            LogtoJson json,
            ReadCacheClock clock,
            Telemetry telemetry) {
        this.settings = settings;
        this.store = store;
        this.coalescer = coalescer;
        this.json = json;
        for (ReadKind kind : ReadKind.values()) {
            // The template and the live scopes have caches of their own (role.TemplateCache, auth.LiveScopeCache).
            if (kind == ReadKind.TEMPLATE || kind == ReadKind.LIVE_SCOPES || !settings.on(kind)) {
                continue;
            }
            caches.put(
                    kind,
                    telemetry.monitor(
                            "read-" + kind.setting(),
                            Caffeine.newBuilder()
                                    .expireAfterWrite(settings.ttl(kind))
                                    .maximumSize(settings.maxEntries())
                                    .ticker(clock)
                                    .recordStats()
                                    .<String, Entry>build()));
        }
    }

    /**
     * The answer of this read: kept, from the second level, or from {@code upstream} (then kept).
     *
     * @param tags         what the answer shows, whose change drops it
     * @param userTagsOfAnswer whether the answer lists users (their ids become tags too)
     */
    CompletableFuture<LogtoResponse> read(
            ReadKind kind,
            LogtoPath path,
            Set<String> tags,
            boolean userTagsOfAnswer,
            Supplier<CompletableFuture<LogtoResponse>> upstream) {
        Cache<String, Entry> cache = caches.get(kind);
        UpstreamBudget request = UpstreamBudget.current();
        if (cache == null || (request != null && request.readsFresh())) {
            return upstream.get();
        }
        String key = "GET " + path;
        Entry kept = cache.getIfPresent(key);
        if (kept != null) {
            return CompletableFuture.completedFuture(kept.response());
        }
        long at = changes.get();
        CompletableFuture<LogtoResponse> load;
        if (settings.shared() && store.enabled()) {
            UpstreamBudget budget = UpstreamBudget.current();
            CompletableFuture<LogtoResponse> fromStore = store.get(key)
                    .exceptionally(error -> java.util.Optional.empty())
                    .thenCompose(found -> found.isPresent()
                            ? CompletableFuture.completedFuture(new LogtoResponse(
                                    found.get().status(),
                                    found.get().body(),
                                    found.get().totalNumber()))
                            : within(budget, () -> fill(kind, key, tags, userTagsOfAnswer, at, true, upstream)));
            load = budget == null ? fromStore : budget.relay(fromStore);
        } else {
            load = fill(kind, key, tags, userTagsOfAnswer, at, false, upstream);
        }
        return load;
    }

    private CompletableFuture<LogtoResponse> fill(
            ReadKind kind,
            String key,
            Set<String> tags,
            boolean userTagsOfAnswer,
            long at,
            boolean share,
            Supplier<CompletableFuture<LogtoResponse>> upstream) {
        return upstream.get().thenApply(response -> {
            if (changes.get() == at) {
                Set<String> all = userTagsOfAnswer ? withUsers(tags, response) : tags;
                caches.get(kind).put(key, new Entry(response, all));
                if (share) {
                    store.put(
                            key,
                            new SharedReadStore.StoredRead(response.status(), response.body(), response.totalNumber()),
                            settings.ttl(kind),
                            all);
                }
            }
            return response;
        });
    }

    private static <T> CompletableFuture<T> within(UpstreamBudget budget, Supplier<CompletableFuture<T>> call) {
        if (budget == null) {
            return call.get();
        }
        try (UpstreamBudget.Scope ignored = budget.enter()) {
            return call.get();
        }
    }

    private Set<String> withUsers(Set<String> tags, LogtoResponse response) {
        JsonNode items = json.tree(response.body());
        if (items == null || !items.isArray()) {
            return tags;
        }
        Set<String> all = new HashSet<>(tags);
        items.forEach(item -> {
            if (item.path("id").isTextual()) {
                all.add(Tags.user(item.get("id").asText()));
            }
        });
        return Set.copyOf(all);
    }

    /** Drops what a change makes stale, here and in the second level. */
    @EventListener
    void onChange(LogtoChange change) {
        Set<String> tags = Tags.of(change);
        changes.incrementAndGet();
        coalescer.forgetInFlight();
        if (!tags.isEmpty()) {
            for (Cache<String, Entry> cache : caches.values()) {
                cache.asMap().values().removeIf(entry -> entry.tags().stream().anyMatch(tags::contains));
            }
            if (settings.shared() && store.enabled()) {
                store.evict(tags);
            }
        }
    }

    /** Forgets every kept answer of this replica (tests start each case from nothing). */
    public void invalidateAll() {
        changes.incrementAndGet();
        caches.values().forEach(Cache::invalidateAll);
    }

    private record Entry(LogtoResponse response, Set<String> tags) {}

    /**
     * The tags answers are filed under, and which of them each change drops. Invitation reads carry
     * {@code invitations} (any change of an unnamed organization's invitations drops them) and either
     * their organization's tag or {@code invitations:any} (reads by id or invitee, which span organizations).
     */
    static final class Tags {
        static final String TEMPLATE = "template";
        static final String INVITATIONS = "invitations";
        static final String INVITATIONS_ANY = "invitations:any";

        private Tags() {}

        static String organization(String id) {
            return "org:" + id;
        }

        static String members(String organizationId) {
            return "members:" + organizationId;
        }

        static String bots(String organizationId) {
            return "bots:" + organizationId;
        }

        static String invitations(String organizationId) {
            return "invitations:" + organizationId;
        }

        static String user(String id) {
            return "user:" + id;
        }

        static Set<String> of(LogtoChange change) {
            Set<String> tags = new HashSet<>();
            if (change instanceof LogtoChange.TemplateChanged) {
                // Member and bot pages embed their roles' names.
                tags.add(TEMPLATE);
            } else if (change instanceof LogtoChange.OrganizationChanged organization) {
                tags.add(organization(organization.organizationId()));
            } else if (change instanceof LogtoChange.OrganizationDeleted deleted) {
                String id = deleted.organizationId();
                tags.addAll(Set.of(organization(id), members(id), bots(id), invitations(id), INVITATIONS_ANY));
            } else if (change instanceof LogtoChange.MembershipChanged membership) {
                boolean unnamed = membership.userIds().isEmpty()
                        && membership.applicationIds().isEmpty();
                if (unnamed || !membership.userIds().isEmpty()) {
                    tags.add(members(membership.organizationId()));
                }
                if (unnamed || !membership.applicationIds().isEmpty()) {
                    tags.add(bots(membership.organizationId()));
                }
            } else if (change instanceof LogtoChange.UserChanged user) {
                tags.add(user(user.userId()));
            } else if (change instanceof LogtoChange.MemberRolesChanged roles) {
                tags.add(members(roles.organizationId()));
            } else if (change instanceof LogtoChange.BotRolesChanged roles) {
                tags.add(bots(roles.organizationId()));
            } else if (change instanceof LogtoChange.InvitationsChanged invitations) {
                if (invitations.organizationId() == null) {
                    tags.add(INVITATIONS);
                } else {
                    tags.add(invitations(invitations.organizationId()));
                    tags.add(INVITATIONS_ANY);
                }
            }
            return tags;
        }
    }
}
