package dev.orgql.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organization scopes the frontend's app requests in its organization tokens. A live scope
 * missing from a token only means "gained" when the app asks for it at all. By default these are the
 * scopes the schema's directives use (registered while the schema is wired); a deployment whose app
 * requests others lists them in {@code orgql.requested-scopes} ({@code ORGQL_REQUESTED_SCOPES}).
 */
@Singleton
public class RequestedScopes {
    private final List<String> configured;
    private final Set<String> fromDirectives = ConcurrentHashMap.newKeySet();

    RequestedScopes(@Value("${orgql.requested-scopes:}") List<String> configured) {
        this.configured = configured == null ? List.of() : configured.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Called by the directive wiring for every organization scope a field requires. */
    public void usedByDirective(String scope) {
        fromDirectives.add(scope);
    }

    public Set<String> scopes() {
        return new TreeSet<>(configured.isEmpty() ? fromDirectives : configured);
    }
}
