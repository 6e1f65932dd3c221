package dev.orgql.graphql;

import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;

/**
 * Requests without a token: only introspection is answered (when {@code orgql.allow-anonymous-introspection}
 * is on), within the smaller anonymous budget of {@link QueryLimits}; anything else gets 401.
 */
final class AnonymousIntrospection {
    private AnonymousIntrospection() {}

    /** True when the operation only asks for {@code __schema}, {@code __type} or {@code __typename}. */
    static boolean isIntrospectionOnly(OperationDefinition operation) {
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return false;
        }
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getName().startsWith("__")) {
                return false;
            }
        }
        return true;
    }

    static String tooLong(int maxTokens) {
        return "Without a token the gateway answers only introspection queries of at most " + maxTokens
                + " tokens; this query is longer. Send a token (Authorization: Bearer <token>).";
    }
}
