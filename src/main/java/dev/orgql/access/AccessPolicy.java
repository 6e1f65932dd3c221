package dev.orgql.access;

import dev.orgql.auth.Caller;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A data-dependent access rule with a name, used by {@code @requiresScope(policy: "...")} (after
 * Apollo Router's {@code @policy}). It judges the resource the field is about: the policy admits the
 * caller, as an alternative to the listed permissions. An implementation lives in the feature package
 * whose data it reads, and is found by name at start-up: a directive naming an unknown policy stops it.
 */
public interface AccessPolicy {
    /** The name used in the directive, for example {@code invitee}. */
    String name();

    /** The kind of resource it judges ({@link ResourceLookup#kind()}), for example {@code invitation}. */
    String resourceKind();

    /**
     * Who it admits, for refusals: "its invitee (the signed-in user whose primary email is the
     * invitation's address)".
     */
    String admits();

    /** The same as an alternative to permissions, for refusals: "being its invitee". */
    String alternative();

    /**
     * Starts what the policy needs to know about the caller (through the request's loaders, alongside
     * the resource's own load) and answers with the test to run on the resource once it is loaded.
     */
    CompletableFuture<Predicate<Object>> prepare(Caller caller, Loaders loaders);
}
