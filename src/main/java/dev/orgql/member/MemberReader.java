package dev.orgql.member;

import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.user.UserNode;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads members back after a change, for the payloads: one batched user lookup plus each member's
 * roles. Only done when the client selected the payload field.
 */
@Singleton
class MemberReader {
    private final LogtoClient logto;

    MemberReader(LogtoClient logto) {
        this.logto = logto;
    }

    static boolean selected(DataFetchingEnvironment env, String field) {
        return env.getSelectionSet().contains(field);
    }

    CompletableFuture<List<MemberNode>> read(String organizationId, List<String> userIds) {
        if (userIds.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<Map<String, LogtoModels.User>> users = logto.getUsersByIds(userIds)
                .thenApply(list -> list.stream().collect(Collectors.toMap(LogtoModels.User::id, Function.identity(), (a, b) -> a)));
        List<CompletableFuture<List<LogtoModels.Ref>>> roles = userIds.stream()
                .map(id -> logto.listOrganizationUserRoles(organizationId, id)
                        .thenApply(list -> list.stream().map(r -> new LogtoModels.Ref(r.id(), r.name())).toList()))
                .toList();
        return CompletableFuture.allOf(roles.toArray(CompletableFuture[]::new)).thenCombine(users, (all, byId) -> {
            List<MemberNode> members = new ArrayList<>();
            for (int i = 0; i < userIds.size(); i++) {
                LogtoModels.User user = byId.get(userIds.get(i));
                if (user != null) {
                    members.add(new MemberNode(user.id(), organizationId, UserNode.of(user), roles.get(i).join()));
                }
            }
            return members;
        });
    }

    CompletableFuture<MemberNode> readOne(String organizationId, String userId) {
        return read(organizationId, List.of(userId)).thenApply(list -> list.isEmpty() ? null : list.get(0));
    }
}
