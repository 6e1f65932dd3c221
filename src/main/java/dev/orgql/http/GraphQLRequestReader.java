package dev.orgql.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micronaut.configuration.graphql.GraphQLJsonSerializer;
import io.micronaut.configuration.graphql.GraphQLRequestBody;
import io.micronaut.configuration.graphql.JacksonGraphQLJsonSerializer;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads GraphQL requests for micronaut-graphql's controller, which hands every POST body (and a GET's
 * {@code variables}) to the {@link GraphQLJsonSerializer} bean: this one replaces the default so that a
 * body that is not one GraphQL request is a {@link BadRequestException} (HTTP 400 with a GraphQL error,
 * see {@link BadRequestHandler}) instead of a RuntimeException that Micronaut answers with a 500 naming
 * Jackson and micronaut-graphql classes, and logs with a stack trace.
 *
 * <p>The shape is checked as GraphQL over HTTP asks: a JSON object whose {@code query} is a string,
 * {@code operationName} a string or null and {@code variables} an object or null (a JSON array, that is
 * a batch, is refused: the gateway runs one operation per request). Parsing is bounded by
 * {@link StreamReadConstraints}, far below Jackson's defaults (1000 levels, 1000-digit numbers),
 * and duplicate keys or trailing content are refused rather than guessed at.
 */
@Singleton
@Replaces(JacksonGraphQLJsonSerializer.class)
public class GraphQLRequestReader implements GraphQLJsonSerializer {
    /**
     * Deep enough for any real request: the body, {@code variables}, an input object and a
     * {@code customData} object nested 60 levels; a deeper body is an attack on the parser.
     */
    static final int MAX_NESTING_DEPTH = 64;
    /** A double needs at most 24 characters, a long 20; longer numbers only cost time to parse. */
    static final int MAX_NUMBER_LENGTH = 100;

    private static final String SHAPE = "A GraphQL request is a JSON object with `query` (a string) and, optionally, "
            + "`operationName` (a string) and `variables` (an object).";

    private final JsonMapper responses;
    private final ObjectMapper requests;

    GraphQLRequestReader(JsonMapper responses) {
        this.responses = responses;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.requests = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.requests.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    }

    /** Responses are written as before, by Micronaut's mapper. */
    @Override
    public String serialize(Object object) {
        try {
            return new String(responses.writeValueAsBytes(object), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T deserialize(String json, Class<T> type) {
        if (type == GraphQLRequestBody.class) {
            return (T) request(json, false);
        }
        if (Map.class.isAssignableFrom(type)) {
            // A GET request's `variables` parameter.
            JsonNode node = parse(json, "`variables`");
            if (!node.isObject()) {
                throw new BadRequestException("`variables` must be a JSON object.");
            }
            return (T) toMap(node);
        }
        try {
            return requests.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("The request is not valid JSON.");
        }
    }

    /** One GraphQL-over-HTTP request: the POST body's members, or a GET's parameters. */
    public record GraphQLHttpRequest(
            String query, String operationName, Map<String, Object> variables, Map<String, Object> extensions) {}

    /** A POST body, checked as {@link #deserialize} checks it, with its {@code extensions}. */
    GraphQLHttpRequest read(String json) {
        GraphQLRequestBody body = request(json, true);
        JsonNode extensions = parse(json, "The request body").get("extensions");
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            throw new BadRequestException(
                    "`extensions` must be a JSON object or null, not a JSON " + kind(extensions) + ".");
        }
        return new GraphQLHttpRequest(
                body.getQuery(),
                body.getOperationName(),
                body.getVariables(),
                extensions == null || extensions.isNull() ? null : toMap(extensions));
    }

    /** A GET's {@code variables} or {@code extensions} parameter: a JSON object, or absent. */
    Map<String, Object> parameter(String json, String name) {
        if (json == null) {
            return null;
        }
        JsonNode node = parse(json, "`" + name + "`");
        if (!node.isObject()) {
            throw new BadRequestException("`" + name + "` must be a JSON object.");
        }
        return toMap(node);
    }

    /** @param persisted whether the query may be left out for {@code extensions.persistedQuery} */
    private GraphQLRequestBody request(String json, boolean persisted) {
        if (json == null || json.isBlank()) {
            throw new BadRequestException("The request body is empty. " + SHAPE);
        }
        JsonNode root = parse(json, "The request body");
        if (root.isArray()) {
            throw new BadRequestException(
                    "Batched requests (a JSON array of operations) are not supported: send one operation per request.");
        }
        if (!root.isObject()) {
            throw new BadRequestException("The request body is a JSON " + kind(root) + ". " + SHAPE);
        }
        JsonNode query = root.get("query");
        boolean byHash = persisted && root.path("extensions").has("persistedQuery");
        if ((query == null || query.isNull()) && !byHash) {
            throw new BadRequestException("The request has no `query`. " + SHAPE);
        }
        if (query != null && !query.isNull() && !query.isTextual()) {
            throw new BadRequestException("`query` must be a string, not a JSON " + kind(query) + ".");
        }
        JsonNode operationName = root.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw new BadRequestException(
                    "`operationName` must be a string or null, not a JSON " + kind(operationName) + ".");
        }
        JsonNode variables = root.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new BadRequestException(
                    "`variables` must be a JSON object or null, not a JSON " + kind(variables) + ".");
        }
        GraphQLRequestBody body = new GraphQLRequestBody();
        body.setQuery(query == null || query.isNull() ? null : query.textValue());
        body.setOperationName(operationName == null || operationName.isNull() ? null : operationName.textValue());
        body.setVariables(variables == null || variables.isNull() ? null : toMap(variables));
        return body;
    }

    private JsonNode parse(String json, String what) {
        try {
            JsonNode node = requests.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new BadRequestException(what + " is empty.");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new BadRequestException(what + " is over the gateway's JSON limits (nesting at most "
                    + MAX_NESTING_DEPTH + " levels, numbers at most " + MAX_NUMBER_LENGTH + " characters).");
        } catch (MismatchedInputException e) {
            // The only one readTree raises: FAIL_ON_TRAILING_TOKENS (its message names Jackson's classes).
            throw new BadRequestException(what + " has more content after its JSON value.");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw new BadRequestException(what + " is not valid JSON: " + e.getOriginalMessage() + where + ".");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(JsonNode object) {
        return requests.convertValue(object, LinkedHashMap.class);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            case OBJECT -> "object";
            case STRING -> "string";
            case NULL -> "null";
            default -> "value";
        };
    }
}
