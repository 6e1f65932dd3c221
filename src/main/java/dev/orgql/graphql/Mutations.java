package dev.orgql.graphql;

import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoPath;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Helpers shared by the mutation fetchers: payloads (maps read by graphql-java's property fetcher),
 * the input object, and the translation of Logto's expected refusals into {@code userErrors}.
 * Whatever is not translated stays a GraphQL error with {@code extensions.code}.
 */
public final class Mutations {
    private Mutations() {
    }

    /** The mutation's single {@code input} argument. */
    public static Map<String, Object> input(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        return input == null ? Map.of() : input;
    }

    /** A successful payload: {@code key → value} and no user errors. */
    public static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            payload.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        payload.put("userErrors", List.of());
        return payload;
    }

    /** A payload reporting expected failures; the changed objects are null. */
    public static Map<String, Object> failed(UserError... errors) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("userErrors", List.of(errors));
        return payload;
    }

    public static CompletableFuture<Map<String, Object>> failedNow(UserError... errors) {
        return CompletableFuture.completedFuture(failed(errors));
    }

    /**
     * Runs a mutation and turns Logto's expected refusals into user errors: {@code specific} is asked
     * first (null means "no opinion"), then {@link #fromLogto}. Anything else fails the field.
     */
    public static CompletableFuture<Map<String, Object>> run(Supplier<CompletableFuture<Map<String, Object>>> mutation,
                                                             Function<LogtoException, UserError> specific) {
        CompletableFuture<Map<String, Object>> started;
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
            return failed(userError);
        });
    }

    public static CompletableFuture<Map<String, Object>> run(Supplier<CompletableFuture<Map<String, Object>>> mutation) {
        return run(mutation, e -> null);
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
                case REQUEST_INVALID_INPUT, VALUE_TOO_LONG -> UserError.of(UserErrorCode.BAD_USER_INPUT, e.getMessage());
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

    /** Strings of a list argument, without nulls, in order and de-duplicated. */
    @SuppressWarnings("unchecked")
    public static List<String> ids(Map<String, Object> input, String key) {
        Object value = input.get(key);
        List<String> ids = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object id : list) {
                if (id != null && !ids.contains(id.toString())) {
                    ids.add(id.toString());
                }
            }
        }
        return ids;
    }

    /**
     * The user error for a list input outside Logto's batch limits (1 to 100 values), or null.
     *
     * @param noun what the values are, for the message ("user ids")
     */
    public static UserError batchSizeError(List<?> values, String noun, String... field) {
        return values.isEmpty() || values.size() > LogtoClient.MAX_PAGE_SIZE
                ? UserError.of(UserErrorCode.BAD_USER_INPUT, "Give 1 to " + LogtoClient.MAX_PAGE_SIZE + " " + noun + ".", field)
                : null;
    }

    /**
     * Adds subjects to an organization, then gives them roles, as one unit: when the roles step fails,
     * the subjects this call added (not those already there) are removed again before the failure is
     * reported, so a failed call leaves the organization as it was.
     *
     * @param newcomers the ids among the subjects that are not yet in the organization
     */
    public static CompletableFuture<Void> addWithRoles(Supplier<CompletableFuture<List<String>>> newcomers,
                                                       Supplier<CompletableFuture<Void>> add,
                                                       Supplier<CompletableFuture<Void>> assignRoles,
                                                       Function<String, CompletableFuture<Void>> remove) {
        return newcomers.get().thenCompose(added -> add.get()
                .thenCompose(done -> assignRoles.get().handle((ok, failure) -> failure)
                        .thenCompose(failure -> {
                            if (failure == null) {
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                            CompletableFuture<?>[] undo = added.stream().map(remove).toArray(CompletableFuture[]::new);
                            return CompletableFuture.allOf(undo).handle((undone, undoFailure) -> {
                                throw LogtoErrors.rethrow(failure);
                            });
                        })));
    }
}
