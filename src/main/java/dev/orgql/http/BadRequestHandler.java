package dev.orgql.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link BadRequestException} with its status and a GraphQL error body. Logged as one DEBUG
 * line: a malformed request is the client's mistake (or an attack), never the gateway's, so it must
 * not fill the log with stack traces.
 */
@Produces
@Singleton
@Requires(classes = {BadRequestException.class, ExceptionHandler.class})
public class BadRequestHandler implements ExceptionHandler<BadRequestException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(BadRequestHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, BadRequestException exception) {
        LOG.debug(
                "Refused {} {}: {} {}",
                request.getMethodName(),
                request.getPath(),
                exception.status().getCode(),
                exception.getMessage());
        return GraphQLErrorBody.response(request, exception.status(), exception.getMessage());
    }
}
