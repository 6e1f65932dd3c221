package dev.orgql.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a feature's {@code Node} type is identified and refetched: each feature declares one bean per type
 * it owns, and the plumbing ({@link NodeQueries}, {@link GraphQLFactory}) does the rest: the type's
 * {@code id} and raw-id fields, {@code Query.node} and {@code Query.nodes}, and access, which it decides
 * with the {@code @requiresScope} rule of the type's normal path ({@link #path()}), never with a rule of
 * its own. For a rule checked in an organization, the first part of the id is that organization; for a
 * rule about a resource (an invitation), the last part is the resource.
 */
public interface NodeResolver {
    /** The SDL type, for example {@code Member}; one of {@link GlobalIds#PARTS}. */
    String type();

    /**
     * The field whose {@code @requiresScope} rule decides who may refetch the type, for example
     * {@code Organization.members}: the field a client reads the object through.
     */
    String path();

    /** The SDL field that holds the object's own Logto id (the last part of its id), e.g. {@code userId}. */
    String rawIdField();

    /** Whether a value is this type's GraphQL object (for the {@code Node} interface's type resolution). */
    boolean owns(Object value);

    /** The Logto ids the object's global id is made of, in {@link GlobalIds} order. */
    List<String> parts(Object value);

    /**
     * The object, through the request's DataLoaders (access is already decided); completes with null when
     * nothing has these ids (or, for a member or bot, the user or application is not in the organization).
     * May complete with a {@link GatewayException} for a refusal the rule cannot express.
     */
    CompletableFuture<?> fetch(List<String> parts, DataFetchingEnvironment env);
}
