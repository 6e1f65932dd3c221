package dev.orgql.graphql;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * graphql-java's own errors (syntax, validation, variables that do not fit their types) carry no
 * code; every error of this API does: {@code BAD_USER_INPUT} for those, {@code INTERNAL_ERROR} otherwise.
 */
final class ErrorCodeDefaults {
    private ErrorCodeDefaults() {}

    static ExecutionResult apply(ExecutionResult result) {
        if (result.getErrors().stream().allMatch(ErrorCodeDefaults::hasCode)) {
            return result;
        }
        List<GraphQLError> errors = result.getErrors().stream()
                .map(error -> {
                    if (hasCode(error)) {
                        return error;
                    }
                    ErrorCode code = error.getErrorType() == ErrorType.ValidationError
                                    || error.getErrorType() == ErrorType.InvalidSyntax
                            ? ErrorCode.BAD_USER_INPUT
                            : ErrorCode.INTERNAL_ERROR;
                    return RebuiltError.of(error, inJsonTerms(error.getMessage()), "code", code.name());
                })
                .toList();
        return result.transform(builder -> builder.errors(errors));
    }

    /**
     * graphql-java's coercion messages name the Java class a variable was read into ("but it was a
     * 'LinkedHashMap'"); the client sent JSON, so it is told the JSON kind instead.
     */
    static String inJsonTerms(String message) {
        if (message == null) {
            return null;
        }
        Matcher matcher = JAVA_CLASS.matcher(message);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + jsonKind(matcher.group(2))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static final Pattern JAVA_CLASS = Pattern.compile("(but it was )an? '([A-Za-z.]+)'");

    private static String jsonKind(String javaClass) {
        String name = javaClass.substring(javaClass.lastIndexOf('.') + 1);
        return switch (name) {
            case "LinkedHashMap", "HashMap", "Map", "TreeMap" -> "a JSON object";
            case "ArrayList", "List", "LinkedList" -> "a JSON array";
            case "String" -> "a JSON string";
            case "Boolean" -> "a JSON boolean";
            case "Integer", "Long", "BigInteger", "Short", "Byte" -> "a JSON integer";
            case "Double", "Float", "BigDecimal" -> "a JSON number";
            default -> "a value of another type";
        };
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().containsKey("code");
    }
}
