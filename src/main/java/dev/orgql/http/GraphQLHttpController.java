package dev.orgql.http;

import io.micronaut.configuration.graphql.GraphQLController;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code /graphql} as the GraphQL-over-HTTP specification has it, in place of micronaut-graphql's
 * controller (which answers only {@code application/json}, so a client accepting only
 * {@code application/graphql-response+json} got 406): GET for queries and POST
 * ({@code application/json}, or {@code application/graphql} with the document as the body), the answer's
 * media type chosen from {@code Accept} ({@link ResponseMediaType}), and with
 * {@code application/graphql-response+json} a request that did not execute (a syntax, validation or
 * variable error, a refusal before execution) is HTTP 400 rather than 200. What runs the request is
 * {@link GraphQLInvocation} (graphql.GatewayInvocation); content types and the GET rules are checked
 * before this by {@link GraphQLRequestGate}.
 */
@Controller("${graphql.path:/graphql}")
@Replaces(GraphQLController.class)
public class GraphQLHttpController {
    private final GraphQLInvocation invocation;
    private final GraphQLRequestReader reader;
    private final PersistedQueries persisted;
    private final ResponseJson json;

    GraphQLHttpController(
            GraphQLInvocation invocation, GraphQLRequestReader reader, PersistedQueries persisted, ResponseJson json) {
        this.invocation = invocation;
        this.reader = reader;
        this.persisted = persisted;
        this.json = json;
    }

    @Get(produces = MediaType.ALL, single = true)
    public Publisher<MutableHttpResponse<byte[]>> get(
            @Nullable @QueryValue("query") String query,
            @Nullable @QueryValue("operationName") String operationName,
            @Nullable @QueryValue("variables") String variables,
            @Nullable @QueryValue("extensions") String extensions,
            HttpRequest<?> request) {
        ResponseMediaType type = ResponseMediaType.of(request);
        if (type == null) {
            return Mono.just(notAcceptable(request));
        }
        GraphQLRequestReader.GraphQLHttpRequest graphQLRequest = new GraphQLRequestReader.GraphQLHttpRequest(
                query,
                operationName,
                reader.parameter(variables, "variables"),
                reader.parameter(extensions, "extensions"));
        return execute(graphQLRequest, type, request);
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.ALL, single = true)
    public Publisher<MutableHttpResponse<byte[]>> post(@Nullable @Body String body, HttpRequest<?> request) {
        ResponseMediaType type = ResponseMediaType.of(request);
        if (type == null) {
            return Mono.just(notAcceptable(request));
        }
        MediaType contentType = request.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE);
        GraphQLRequestReader.GraphQLHttpRequest graphQLRequest =
                GraphQLRequestGate.sameType(contentType, GraphQLRequestGate.GRAPHQL)
                        ? new GraphQLRequestReader.GraphQLHttpRequest(body == null ? "" : body, null, null, null)
                        : reader.read(body);
        return execute(graphQLRequest, type, request);
    }

    private Publisher<MutableHttpResponse<byte[]>> execute(
            GraphQLRequestReader.GraphQLHttpRequest graphQLRequest, ResponseMediaType type, HttpRequest<?> request) {
        String query;
        try {
            query = persisted.resolve(graphQLRequest.query(), graphQLRequest.extensions());
        } catch (PersistedQueries.Refusal refusal) {
            // A request error: it did not execute (200 under application/json, 400 under the new type).
            return Mono.just(HttpResponse.<byte[]>status(
                            type == ResponseMediaType.GRAPHQL_RESPONSE_JSON ? HttpStatus.BAD_REQUEST : HttpStatus.OK)
                    .contentType(type.mediaType())
                    .body(json.write(GraphQLErrorBody.body(request, refusal.code(), refusal.getMessage()))));
        }
        GraphQLInvocationData data =
                new GraphQLInvocationData(query, graphQLRequest.operationName(), graphQLRequest.variables());
        MutableHttpResponse<String> response = HttpResponse.status(HttpStatus.OK);
        return Mono.from(invocation.invoke(data, request, response)).map(result -> {
            Map<String, Object> specification = result.toSpecification();
            if (type == ResponseMediaType.GRAPHQL_RESPONSE_JSON
                    && !specification.containsKey("data")
                    && response.getStatus() == HttpStatus.OK) {
                // No data: the request did not execute (GraphQL over HTTP, application/graphql-response+json).
                response.status(HttpStatus.BAD_REQUEST);
            }
            return response.contentType(type.mediaType()).body(json.write(specification));
        });
    }

    private MutableHttpResponse<byte[]> notAcceptable(HttpRequest<?> request) {
        return HttpResponse.<byte[]>status(HttpStatus.NOT_ACCEPTABLE)
                .contentType(ResponseMediaType.JSON.mediaType())
                .body(json.write(GraphQLErrorBody.body(
                        request,
                        "This endpoint answers `application/graphql-response+json` or `application/json`;"
                                + " the request's Accept allows neither.")));
    }
}
