package dev.orgql.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body over {@code micronaut.server.max-request-size} ({@code ORGQL_MAX_REQUEST_SIZE}) gets 413 with a
 * GraphQL error body, like the endpoint's other refusals, instead of Micronaut's own error shape.
 */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
@Requires(classes = {ContentLengthExceededException.class, ExceptionHandler.class})
public class TooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(TooLargeHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
        LOG.debug("Refused {} {}: 413 {}", request.getMethodName(), request.getPath(), exception.getMessage());
        return GraphQLErrorBody.response(
                request,
                HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "The request body is too large for the gateway: " + exception.getMessage() + ".");
    }
}
