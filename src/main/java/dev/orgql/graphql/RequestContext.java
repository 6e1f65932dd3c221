package dev.orgql.graphql;

import dev.orgql.auth.Caller;
import graphql.schema.DataFetchingEnvironment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * What one GraphQL request knows: who is calling, and the reads it already made. List reads that no
 * DataLoader batches (a page of members, an organization's invitations) are kept here, so asking for
 * the same page twice in one query (for example under two aliases) calls Logto once.
 */
public final class RequestContext {
    private final Caller caller;
    private final ConcurrentMap<Object, CompletableFuture<?>> reads = new ConcurrentHashMap<>();

    public RequestContext(Caller caller) {
        this.caller = caller;
    }

    public static RequestContext of(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(RequestContext.class);
    }

    /** The verified caller; null only for anonymous introspection. */
    public Caller caller() {
        return caller;
    }

    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> read(Object key, Supplier<CompletableFuture<T>> call) {
        return (CompletableFuture<T>) reads.computeIfAbsent(key, k -> call.get());
    }
}
