package dev.orgql.subject;

import dev.orgql.logto.LogtoModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads subjects back after a change, for the payloads: one batched look-up of the subjects plus
 * each one's roles in the organization, alongside. Only done when the client selected the payload field.
 */
public final class SubjectReads {
    private SubjectReads() {}

    /**
     * @param lookUp  the subjects by id (one batched call; unknown ids left out, in any order)
     * @param idOf    a looked-up subject's id
     * @param rolesOf one subject's roles in the organization
     * @param build   the GraphQL object from the subject and the roles it holds there
     * @return in the order of {@code ids}, without the unknown ones
     */
    public static <R, V> CompletableFuture<List<V>> read(
            List<String> ids,
            Function<List<String>, CompletableFuture<List<R>>> lookUp,
            Function<R, String> idOf,
            Function<String, CompletableFuture<List<LogtoModels.Role>>> rolesOf,
            BiFunction<R, List<LogtoModels.IdAndName>, V> build) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<Map<String, R>> byId = lookUp.apply(ids)
                .thenApply(list -> list.stream().collect(Collectors.toMap(idOf, Function.identity(), (a, b) -> a)));
        List<CompletableFuture<List<LogtoModels.IdAndName>>> roles = ids.stream()
                .map(id -> rolesOf.apply(id)
                        .thenApply(list -> list.stream()
                                .map(r -> new LogtoModels.IdAndName(r.id(), r.name()))
                                .toList()))
                .toList();
        return CompletableFuture.allOf(roles.toArray(CompletableFuture[]::new)).thenCombine(byId, (all, subjects) -> {
            List<V> read = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                R subject = subjects.get(ids.get(i));
                if (subject != null) {
                    read.add(build.apply(subject, roles.get(i).join()));
                }
            }
            return read;
        });
    }
}
