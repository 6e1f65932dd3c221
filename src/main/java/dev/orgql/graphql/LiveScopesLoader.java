package dev.orgql.graphql;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.auth.LiveScopeCache.MemberKey;
import jakarta.inject.Singleton;
import java.util.Set;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/** Live organization scopes per (organization, user): once per request, and from the short cache. */
@Singleton
public class LiveScopesLoader implements LoaderDefinition<MemberKey, Set<String>> {
    public static final String NAME = "liveScopes";
    /** Live scopes read for this request only: the loader mutation requests check with. */
    public static final String FRESH_NAME = "freshLiveScopes";

    public static final LoaderKey<MemberKey, Set<String>> KEY = new LoaderKey<>(NAME);
    public static final LoaderKey<MemberKey, Set<String>> FRESH_KEY = new LoaderKey<>(FRESH_NAME);

    private final LiveScopeCache cache;

    LiveScopesLoader(LiveScopeCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DataLoader<MemberKey, Set<String>> create() {
        // Logto has no batch route for member scopes.
        return DataLoaderFactory.newDataLoaderWithTry(ParallelBatch.of(cache::scopes));
    }

    /**
     * The same, read from Logto for this request and never from the cache: what mutation requests use
     * (see {@link OrganizationScopeLookup}). Still once per (organization, user) per request.
     */
    @Singleton
    static class Fresh implements LoaderDefinition<MemberKey, Set<String>> {
        private final LiveScopeCache cache;

        Fresh(LiveScopeCache cache) {
            this.cache = cache;
        }

        @Override
        public String name() {
            return FRESH_NAME;
        }

        @Override
        public DataLoader<MemberKey, Set<String>> create() {
            return DataLoaderFactory.newDataLoaderWithTry(ParallelBatch.of(cache::fresh));
        }
    }
}
