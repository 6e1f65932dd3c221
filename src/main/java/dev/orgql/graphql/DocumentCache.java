package dev.orgql.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated queries, by their text. Frontends send the same few operations over and over;
 * parsing and validating them each time is work the answer does not depend on. The limits on depth,
 * complexity and aliases still run on every request (they depend on the variables).
 */
final class DocumentCache implements PreparsedDocumentProvider {
    private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder()
            .maximumWeight(4_000_000)
            .<String, PreparsedDocumentEntry>weigher((query, entry) -> query.length())
            .build();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        return CompletableFuture.completedFuture(documents.get(input.getQuery(), query -> parseAndValidate.apply(input)));
    }
}
