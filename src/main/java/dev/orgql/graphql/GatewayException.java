package dev.orgql.graphql;

import java.util.Map;

/** A failure the gateway itself detected, with its error code. */
public class GatewayException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> extensions;

    public GatewayException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public GatewayException(ErrorCode code, String message, Map<String, Object> extensions) {
        super(message);
        this.code = code;
        this.extensions = extensions;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
