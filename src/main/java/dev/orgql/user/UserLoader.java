package dev.orgql.user;

import dev.orgql.graphql.LoaderDefinition;
import dev.orgql.graphql.LoaderKey;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;

/** Users by id, up to 100 per Logto call ({@code search.id} in exact mode). Unknown ids load as null. */
@Singleton
public class UserLoader implements LoaderDefinition<String, UserView> {
    public static final String NAME = "user";
    public static final LoaderKey<String, UserView> KEY = new LoaderKey<>(NAME);

    private final LogtoClient logto;

    UserLoader(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LoaderKey<String, UserView> key() {
        return KEY;
    }

    @Override
    public DataLoader<String, UserView> create() {
        return DataLoaderFactory.newDataLoader(
                (List<String> ids) -> logto.getUsersByIds(ids).thenApply(users -> {
                    Map<String, LogtoModels.User> byId = users.stream()
                            .collect(Collectors.toMap(LogtoModels.User::id, Function.identity(), (a, b) -> a));
                    return ids.stream()
                            .map(id -> byId.containsKey(id) ? UserView.of(byId.get(id)) : null)
                            .toList();
                }),
                DataLoaderOptions.newOptions()
                        .setMaxBatchSize(LogtoClient.MAX_PAGE_SIZE)
                        .build());
    }
}
