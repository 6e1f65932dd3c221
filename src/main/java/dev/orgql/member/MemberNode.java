package dev.orgql.member;

import dev.orgql.graphql.LoaderDefinition;
import dev.orgql.graphql.LoaderKey;
import dev.orgql.graphql.NodeResolver;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.subject.SubjectNodes;
import dev.orgql.user.UserView;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/** {@code Member} by global id (organization and user): as in {@code Organization.members}. */
@Singleton
class MemberNode implements NodeResolver {
    @Override
    public String type() {
        return "Member";
    }

    @Override
    public String path() {
        return "Organization.members";
    }

    @Override
    public String rawIdField() {
        return "userId";
    }

    @Override
    public boolean owns(Object value) {
        return value instanceof MemberView;
    }

    @Override
    public List<String> parts(Object value) {
        MemberView member = (MemberView) value;
        return List.of(member.organizationId(), member.id());
    }

    @Override
    public CompletableFuture<?> fetch(List<String> parts, DataFetchingEnvironment env) {
        return Loader.KEY.in(env).load(new SubjectNodes.Key(parts.get(0), parts.get(1)));
    }

    /** Members by organization and user, batched per organization ({@link SubjectNodes}). */
    @Singleton
    static class Loader implements LoaderDefinition<SubjectNodes.Key, MemberView> {
        static final LoaderKey<SubjectNodes.Key, MemberView> KEY = new LoaderKey<>("memberNode");

        private final LogtoClient logto;

        Loader(LogtoClient logto) {
            this.logto = logto;
        }

        @Override
        public String name() {
            return KEY.name();
        }

        @Override
        public LoaderKey<SubjectNodes.Key, MemberView> key() {
            return KEY;
        }

        @Override
        public DataLoader<SubjectNodes.Key, MemberView> create() {
            return DataLoaderFactory.newDataLoader(SubjectNodes.loader(
                    new SubjectNodes.Reads<LogtoModels.User, MemberView>() {
                        @Override
                        public CompletableFuture<LogtoModels.Page<LogtoModels.User>> firstPage(String organizationId) {
                            return logto.listOrganizationUsers(
                                    organizationId, null, null, 1, LogtoClient.MAX_PAGE_SIZE);
                        }

                        @Override
                        public CompletableFuture<List<LogtoModels.User>> byIds(List<String> ids) {
                            return logto.getUsersByIds(ids);
                        }

                        @Override
                        public CompletableFuture<List<LogtoModels.User>> outside(
                                String organizationId, List<String> ids) {
                            return logto.getUsersOutsideOrganization(organizationId, ids);
                        }

                        @Override
                        public String idOf(LogtoModels.User user) {
                            return user.id();
                        }

                        @Override
                        public MemberView build(String organizationId, LogtoModels.User user, boolean embedded) {
                            return embedded
                                    ? MemberView.of(organizationId, user)
                                    : new MemberView(user.id(), organizationId, UserView.of(user), null);
                        }
                    }));
        }
    }
}
