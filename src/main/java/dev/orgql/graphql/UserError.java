package dev.orgql.graphql;

import java.util.List;

/**
 * The SDL's {@code UserError}: an expected failure of a mutation.
 *
 * @param field the path of the input field at fault, starting with {@code input}; null when no one field is
 */
public record UserError(List<String> field, String message, UserErrorCode code) {

    public static UserError of(UserErrorCode code, String message, String... field) {
        return new UserError(field.length == 0 ? null : List.of(field), message, code);
    }
}
