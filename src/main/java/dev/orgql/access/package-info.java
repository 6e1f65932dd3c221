/**
 * Who may read or change what: one {@link dev.orgql.access.AccessRule} per field, read once at
 * start-up from the schema's {@code @requiresScope} directives, and the pure decision
 * {@link dev.orgql.access.AccessDecider#decide} over a rule, the caller and what is known so far.
 * Data-dependent rules are {@link dev.orgql.access.AccessPolicy} plug-ins with a name, living in the
 * feature package whose data they read. This package depends on {@code auth} only: it knows nothing of
 * GraphQL (the wiring in {@code graphql} applies the decisions) nor of any feature package.
 */
package dev.orgql.access;
