package dev.orgql.devlogto;

/** An OAuth 2.0 error of the token endpoint: {@code {error, error_description}}, not Logto's {code, message}. */
final class OAuthError extends RuntimeException {
    final int status;
    final String error;

    OAuthError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    Response toResponse() {
        return Response.json(status, Json.object().put("error", error).put("error_description", getMessage()));
    }
}
