package dev.orgql.graphql;

import graphql.GraphQLError;
import graphql.language.OperationDefinition;
import jakarta.inject.Singleton;

/**
 * The one parse of a request, bounded by the parser limits (tighter without a token), and the size
 * limits on the chosen operation ({@link QueryLimits}). It comes before the token check, so it is all
 * the work a request can cause before it is authenticated.
 */
@Singleton
class BoundedParse {
    private final DocumentCache documents;
    private final QueryLimits.Settings limits;

    BoundedParse(DocumentCache documents, QueryLimits.Settings limits) {
        this.documents = documents;
        this.limits = limits;
    }

    int maxTokens(boolean anonymous) {
        return anonymous ? limits.getAnonymousMaxTokens() : limits.getMaxTokens();
    }

    DocumentCache.ParsedQuery parse(String query, boolean anonymous) throws DocumentCache.Refusal {
        return documents.parse(query, maxTokens(anonymous));
    }

    /** The error for an operation over a limit, or null. */
    GraphQLError overLimit(DocumentCache.ParsedQuery parsed, OperationDefinition operation, boolean anonymous) {
        return QueryLimits.checkOperation(parsed.document(), operation, limits, anonymous);
    }
}
