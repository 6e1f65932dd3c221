package dev.orgql.graphql;

import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoPath;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Helpers shared by the mutation fetchers: the translation of Logto's expected refusals into
 * {@code userErrors} of the mutation's payload record. Inputs are read by {@link Inputs}.
 * Whatever is not translated stays a GraphQL error with {@code extensions.code}.
 */
public final class Mutations {
    private Mutations() {}

    /**
     * Runs a mutation and turns Logto's expected refusals into user errors: {@code specific} is asked
     * first (null means "no opinion"), then {@link #fromLogto}. Anything else fails the field. A
     * {@link UserErrorException} anywhere in the chain (a check of the input record, {@link #refuse})
     * becomes the payload {@code failed} makes; input records are read inside {@code mutation} so
     * that their checks end here too.
     *
     * @param failed the payload reporting the user errors, with every changed object null
     */
    public static <P> CompletableFuture<P> run(
            Function<List<UserError>, P> failed,
            Supplier<CompletableFuture<P>> mutation,
            Function<LogtoException, UserError> specific) {
        CompletableFuture<P> started;
        try {
            started = mutation.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((payload, error) -> {
            if (error == null) {
                return payload;
            }
            UserError userError = toUserError(error, specific);
            if (userError == null) {
                throw LogtoErrors.rethrow(error);
            }
            return failed.apply(List.of(userError));
        });
    }

    public static <P> CompletableFuture<P> run(
            Function<List<UserError>, P> failed, Supplier<CompletableFuture<P>> mutation) {
        return run(failed, mutation, e -> null);
    }

    /**
     * The payload of a mutation refused before its fetcher ran ({@link InputCheck}): only
     * {@code userErrors}; every other payload field resolves to null.
     */
    public record Refused(List<UserError> userErrors) {}

    public static Refused failed(UserError error) {
        return new Refused(List.of(error));
    }

    /** Whether the client selected this payload field (a mutation reads its result back only then). */
    public static boolean selected(DataFetchingEnvironment env, String field) {
        return env.getSelectionSet().contains(field);
    }

    /** Ends a mutation with a user error; {@link #run} makes it the failed payload. */
    public static <T> CompletableFuture<T> refuse(UserError error) {
        return CompletableFuture.failedFuture(new UserErrorException(error));
    }

    /** The user error for a failure, or null when it is not an expected one. */
    public static UserError toUserError(Throwable error, Function<LogtoException, UserError> specific) {
        Throwable t = LogtoErrors.unwrapAny(error);
        if (t instanceof UserErrorException u) {
            return u.userError();
        }
        if (t instanceof LogtoPath.InvalidInputException invalid) {
            return UserError.of(UserErrorCode.BAD_USER_INPUT, invalid.getMessage(), "input", invalid.field());
        }
        if (t instanceof LogtoException e) {
            UserError mapped = specific.apply(e);
            return mapped != null ? mapped : fromLogto(e);
        }
        return null;
    }

    /** Logto's refusals that a mutation reports as user errors. */
    public static UserError fromLogto(LogtoException e) {
        if (e.status() == 404) {
            return UserError.of(UserErrorCode.NOT_FOUND, e.getMessage());
        }
        if (e.status() == 422) {
            return switch (e.error()) {
                case UNIQUE_INTEGRITY_VIOLATION -> UserError.of(UserErrorCode.CONFLICT, e.getMessage());
                case FOREIGN_KEY_NOT_FOUND -> UserError.of(UserErrorCode.NOT_FOUND, e.getMessage());
                case REQUIRE_MEMBERSHIP -> UserError.of(UserErrorCode.NOT_A_MEMBER, e.getMessage());
                case DB_CONSTRAINT_VIOLATED -> UserError.of(UserErrorCode.ROLE_TYPE_MISMATCH, e.getMessage());
                case REQUEST_INVALID_INPUT, VALUE_TOO_LONG ->
                    UserError.of(UserErrorCode.BAD_USER_INPUT, e.getMessage());
                default -> null;
            };
        }
        if (e.status() == 400 && (e.is(LogtoError.GUARD_INVALID_INPUT) || e.is(LogtoError.REQUEST_INVALID_INPUT))) {
            return UserError.of(UserErrorCode.BAD_USER_INPUT, e.getMessage(), "input");
        }
        return null;
    }

    /** Ends a mutation early with a user error (inside a chain of futures). */
    public static class UserErrorException extends RuntimeException {
        private final transient UserError userError;

        public UserErrorException(UserError userError) {
            super(userError.message(), null, false, false);
            this.userError = userError;
        }

        public UserError userError() {
            return userError;
        }
    }

    /**
     * The user error for a list input outside Logto's batch limits (1 to 100 values), or null.
     *
     * @param noun what the values are, for the message ("user ids")
     */
    public static UserError batchSizeError(List<?> values, String noun, String... field) {
        return values.isEmpty() || values.size() > LogtoClient.MAX_PAGE_SIZE
                ? UserError.of(
                        UserErrorCode.BAD_USER_INPUT,
                        "Give 1 to " + LogtoClient.MAX_PAGE_SIZE + " " + noun + ".",
                        field)
                : null;
    }
}
