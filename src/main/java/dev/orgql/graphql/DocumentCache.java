package dev.orgql.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.orgql.logto.Telemetry;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.GraphQLSchema;
import graphql.validation.GoodFaithIntrospectionExceeded;
import graphql.validation.QueryComplexityLimits;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The one parse of a request's query, within the parser limits, and its validation, both cached by the
 * query text. {@link GatewayInvocation} parses before it looks at the token (it must know whether the
 * request is a mutation sent over GET, or introspection asked anonymously), so the parse is bounded by
 * {@code orgql.limits.max-tokens}, {@code max-whitespace-tokens}, {@code max-rule-depth} and
 * {@code max-characters}: work an unauthenticated client can cause stops there. graphql-java does not
 * parse again: as its {@link PreparsedDocumentProvider} this class hands it the document parsed for the
 * request and validates it (once per text, with graphql-java's field and depth limits and its
 * good-faith introspection check, which bounds introspection of the schema's cycles).
 */
final class DocumentCache implements PreparsedDocumentProvider {
    private final QueryLimits.Settings limits;
    private final GraphQLSchema schema;
    private final QueryComplexityLimits validationLimits;
    // Weighed by an estimate of the memory an entry holds: a parsed document takes about 100 bytes per
    // token (measured with graphql-java 26), far more than its text, so a few thousand typical
    // operations fit, or some sixty of the largest the parser admits, never more than about 32 MB.
    private final Cache<String, ParsedQuery> documents = Caffeine.newBuilder()
            .maximumWeight(32_000_000)
            .<String, ParsedQuery>weigher((query, entry) -> 100 * entry.tokens() + 2 * query.length())
            .recordStats()
            .build();
    // Work done by the parser, for tests that must count work instead of timing it.
    private final LongAdder tokensRead = new LongAdder();

    DocumentCache(GraphQLSchema schema, QueryLimits.Settings limits, Telemetry telemetry) {
        telemetry.monitor("documents", documents);
        this.schema = schema;
        this.limits = limits;
        // Our own checks (QueryLimits.checkOperation) run first, with their own messages; these bound
        // validation itself. The depth allows introspection its good-faith depth: graphql-java lowers both
        // figures to its good-faith limits for any operation that asks for __schema or __type.
        this.validationLimits = QueryComplexityLimits.newLimits()
                .maxFieldsCount(limits.getMaxComplexity())
                .maxDepth(Math.max(limits.getMaxDepth(), GoodFaithIntrospection.GOOD_FAITH_MAX_DEPTH_COUNT))
                .build();
    }

    /** A query parsed within the limits; validated once, when it is first executed. */
    static final class ParsedQuery {
        private final Document document;
        private final int tokens;
        private volatile PreparsedDocumentEntry validated;

        ParsedQuery(Document document, int tokens) {
            this.document = document;
            this.tokens = tokens;
        }

        Document document() {
            return document;
        }

        /** Grammar tokens the document holds (names, punctuation, values). */
        int tokens() {
            return tokens;
        }

        /** The operation a request with this operation name runs, or null when there is none or it is ambiguous. */
        OperationDefinition operation(String operationName) {
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            if (operationName == null) {
                return operations.size() == 1 ? operations.get(0) : null;
            }
            return operations.stream()
                    .filter(op -> operationName.equals(op.getName()))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** The query was refused while parsing: {@link #error()} says why. */
    static final class Refusal extends RuntimeException {
        private final transient GraphQLError error;
        private final boolean overLimit;

        Refusal(GraphQLError error, boolean overLimit) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.overLimit = overLimit;
        }

        GraphQLError error() {
            return error;
        }

        /** True when a parser limit stopped it (false: a syntax error). */
        boolean overLimit() {
            return overLimit;
        }
    }

    /**
     * Parses the query, or takes it from the cache, allowing at most {@code maxTokens} grammar tokens
     * (fewer for requests without a token). The other parser limits are the same for every request.
     */
    ParsedQuery parse(String query, int maxTokens) {
        if (query == null || query.isBlank()) {
            throw new Refusal(
                    GraphqlErrorBuilder.newError()
                            .message("The request has no query.")
                            .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                            .build(),
                    false);
        }
        ParsedQuery cached = documents.getIfPresent(query);
        if (cached != null) {
            if (cached.tokens() > maxTokens) {
                throw new Refusal(tooManyTokens(maxTokens), true);
            }
            return cached;
        }
        int[] tokens = {0};
        ParserOptions options = ParserOptions.getDefaultOperationParserOptions()
                .transform(builder -> builder.maxTokens(maxTokens)
                        .maxWhitespaceTokens(limits.getMaxWhitespaceTokens())
                        .maxRuleDepth(limits.getMaxRuleDepth())
                        .maxCharacters(limits.getMaxCharacters())
                        .parsingListener(token -> tokens[0]++));
        Document document;
        try {
            document = new Parser()
                    .parseDocument(ParserEnvironment.newParserEnvironment()
                            .document(query)
                            .parserOptions(options)
                            .locale(Locale.ENGLISH)
                            .build());
        } catch (ParseCancelledTooManyCharsException e) {
            throw new Refusal(
                    tooComplex(
                            "The query is longer than " + limits.getMaxCharacters() + " characters; at most "
                                    + limits.getMaxCharacters() + " are allowed.",
                            "characters",
                            limits.getMaxCharacters()),
                    true);
        } catch (ParseCancelledTooDeepException e) {
            throw new Refusal(
                    tooComplex(
                            "The query nests too deeply to be parsed (more than " + limits.getMaxRuleDepth()
                                    + " levels of grammar rules); at most " + limits.getMaxRuleDepth()
                                    + " are allowed.",
                            "ruleDepth",
                            limits.getMaxRuleDepth()),
                    true);
        } catch (ParseCancelledException e) {
            // graphql-java counts whitespace and commas apart from grammar tokens; the message (in the
            // locale given above) is the only thing that tells which count ran over.
            if (e.getMessage() != null && e.getMessage().contains("'whitespace'")) {
                throw new Refusal(
                        tooComplex(
                                "The query has more than " + limits.getMaxWhitespaceTokens()
                                        + " whitespace and comma tokens; at most " + limits.getMaxWhitespaceTokens()
                                        + " are allowed.",
                                "whitespaceTokens",
                                limits.getMaxWhitespaceTokens()),
                        true);
            }
            throw new Refusal(tooManyTokens(maxTokens), true);
        } catch (InvalidSyntaxException e) {
            GraphQLError syntax = e.toInvalidSyntaxError();
            throw new Refusal(
                    GraphqlErrorBuilder.newError()
                            .message(syntax.getMessage())
                            .locations(syntax.getLocations())
                            .errorType(syntax.getErrorType())
                            .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                            .build(),
                    false);
        } finally {
            tokensRead.add(tokens[0]);
        }
        ParsedQuery parsed = new ParsedQuery(document, tokens[0]);
        documents.put(query, parsed);
        return parsed;
    }

    /** Grammar tokens read by the parser since start-up. */
    long tokensRead() {
        return tokensRead.sum();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        ParsedQuery parsed = input.getGraphQLContext().get(ParsedQuery.class);
        if (parsed == null) {
            // Not a request through GatewayInvocation: parse here, within the same limits.
            try {
                parsed = parse(input.getQuery(), limits.getMaxTokens());
            } catch (Refusal refusal) {
                return CompletableFuture.completedFuture(new PreparsedDocumentEntry(refusal.error()));
            }
        }
        PreparsedDocumentEntry entry = parsed.validated;
        if (entry == null) {
            // Validation depends on the text alone (never on variables or caller), so it runs once per text.
            entry = validate(parsed.document());
            parsed.validated = entry;
        }
        return CompletableFuture.completedFuture(entry);
    }

    private PreparsedDocumentEntry validate(Document document) {
        List<ValidationError> errors;
        try {
            errors = ParseAndValidate.validate(schema, document, rule -> true, Locale.ENGLISH, validationLimits);
        } catch (GoodFaithIntrospectionExceeded e) {
            // Thrown out of validation, not collected (graphql-java's GraphQL class catches it the same way).
            return new PreparsedDocumentEntry(
                    document,
                    List.of(tooComplex(
                            e.toBadFaithError().getMessage()
                                    + " Introspection may ask for __schema and __type once each, and for each of __Type's fields, inputFields,"
                                    + " interfaces and possibleTypes once, within "
                                    + GoodFaithIntrospection.GOOD_FAITH_MAX_FIELDS_COUNT
                                    + " fields and " + GoodFaithIntrospection.GOOD_FAITH_MAX_DEPTH_COUNT + " levels.",
                            "introspection",
                            GoodFaithIntrospection.GOOD_FAITH_MAX_FIELDS_COUNT)));
        }
        if (errors.isEmpty()) {
            return new PreparsedDocumentEntry(document);
        }
        return new PreparsedDocumentEntry(
                document, errors.stream().map(DocumentCache::coded).toList());
    }

    private static GraphQLError coded(ValidationError error) {
        Map<String, Object> extensions =
                new LinkedHashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
        if (error.getValidationErrorType() == ValidationErrorType.MaxQueryDepthExceeded) {
            extensions.put("code", ErrorCode.QUERY_TOO_COMPLEX.name());
            extensions.put("limit", "depth");
        } else if (error.getValidationErrorType() == ValidationErrorType.MaxQueryFieldsExceeded) {
            extensions.put("code", ErrorCode.QUERY_TOO_COMPLEX.name());
            extensions.put("limit", "complexity");
        } else {
            extensions.put("code", ErrorCode.BAD_USER_INPUT.name());
        }
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }

    private static GraphQLError tooManyTokens(int maxTokens) {
        return tooComplex(
                "The query has more than " + maxTokens + " tokens (names, punctuation and values); at most " + maxTokens
                        + " are allowed.",
                "tokens",
                maxTokens);
    }

    private static GraphQLError tooComplex(String message, String limit, int max) {
        return GraphqlErrorBuilder.newError()
                .message(message)
                .extensions(Map.of("code", ErrorCode.QUERY_TOO_COMPLEX.name(), "limit", limit, "max", max))
                .build();
    }
}
