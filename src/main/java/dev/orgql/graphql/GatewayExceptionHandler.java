package dev.orgql.graphql;

import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoPath;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every exception a fetcher throws, or completes its future with, becomes one coded GraphQL error. */
@Singleton
public class GatewayExceptionHandler implements DataFetcherExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayExceptionHandler.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters params) {
        Throwable t = LogtoErrors.unwrapAny(params.getException());
        if (!(t instanceof LogtoException)
                && !(t instanceof GatewayException)
                && !(t instanceof LogtoPath.InvalidInputException)) {
            LOG.error("Unexpected failure resolving {}", params.getPath(), t);
        } else if (t instanceof LogtoException e && GatewayErrors.codeFor(e) == ErrorCode.UPSTREAM_ERROR) {
            LOG.warn("Logto failure resolving {}: {} {} {}", params.getPath(), e.status(), e.code(), e.getMessage());
        }
        var error = GatewayErrors.fromException(params.getDataFetchingEnvironment(), t);
        return CompletableFuture.completedFuture(
                DataFetcherExceptionHandlerResult.newResult(error).build());
    }
}
