package dev.orgql.bot;

import dev.orgql.graphql.LoaderDefinition;
import dev.orgql.graphql.LoaderKey;
import dev.orgql.graphql.NodeResolver;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.subject.SubjectNodes;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/** {@code Bot} by global id (organization and application): as in {@code Organization.bots}. */
@Singleton
class BotNode implements NodeResolver {
    @Override
    public String type() {
        return "Bot";
    }

    @Override
    public String path() {
        return "Organization.bots";
    }

    @Override
    public String rawIdField() {
        return "applicationId";
    }

    @Override
    public boolean owns(Object value) {
        return value instanceof BotView;
    }

    @Override
    public List<String> parts(Object value) {
        BotView bot = (BotView) value;
        return List.of(bot.organizationId(), bot.id());
    }

    @Override
    public CompletableFuture<?> fetch(List<String> parts, DataFetchingEnvironment env) {
        return Loader.KEY.in(env).load(new SubjectNodes.Key(parts.get(0), parts.get(1)));
    }

    /** Bots by organization and application, batched per organization ({@link SubjectNodes}). */
    @Singleton
    static class Loader implements LoaderDefinition<SubjectNodes.Key, BotView> {
        static final LoaderKey<SubjectNodes.Key, BotView> KEY = new LoaderKey<>("botNode");

        private final LogtoClient logto;

        Loader(LogtoClient logto) {
            this.logto = logto;
        }

        @Override
        public String name() {
            return KEY.name();
        }

        @Override
        public LoaderKey<SubjectNodes.Key, BotView> key() {
            return KEY;
        }

        @Override
        public DataLoader<SubjectNodes.Key, BotView> create() {
            return DataLoaderFactory.newDataLoader(SubjectNodes.loader(
                    new SubjectNodes.Reads<LogtoModels.Application, BotView>() {
                        @Override
                        public CompletableFuture<LogtoModels.Page<LogtoModels.Application>> firstPage(
                                String organizationId) {
                            return logto.listOrganizationApplications(organizationId, 1, LogtoClient.MAX_PAGE_SIZE);
                        }

                        @Override
                        public CompletableFuture<List<LogtoModels.Application>> byIds(List<String> ids) {
                            return logto.getApplicationsByIds(ids);
                        }

                        @Override
                        public CompletableFuture<List<LogtoModels.Application>> outside(
                                String organizationId, List<String> ids) {
                            return logto.getApplicationsOutsideOrganization(organizationId, ids);
                        }

                        @Override
                        public String idOf(LogtoModels.Application application) {
                            return application.id();
                        }

                        @Override
                        public BotView build(
                                String organizationId, LogtoModels.Application application, boolean embedded) {
                            return embedded
                                    ? BotView.of(organizationId, application)
                                    : new BotView(
                                            application.id(),
                                            organizationId,
                                            application.name(),
                                            application.description(),
                                            null,
                                            application.createdAt());
                        }
                    }));
        }
    }
}
