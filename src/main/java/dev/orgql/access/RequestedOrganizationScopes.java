package dev.orgql.access;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The organization scopes the frontend's app requests in its organization tokens. A live scope
 * missing from a token only means "gained" when the app asks for it at all. By default these are the
 * scopes the schema's access rules use; a deployment whose app requests others lists them in
 * {@code orgql.requested-scopes} ({@code ORGQL_REQUESTED_SCOPES}).
 */
@Singleton
public class RequestedOrganizationScopes {
    private final Set<String> scopes;

    RequestedOrganizationScopes(
            @Value("${orgql.requested-scopes:}") List<String> configured, AccessRules rules, AccessDecider decider) {
        List<String> listed = configured == null
                ? List.of()
                : configured.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        TreeSet<String> chosen = new TreeSet<>(listed);
        if (listed.isEmpty()) {
            rules.all().forEach(rule -> chosen.addAll(decider.organizationScopes(rule)));
        }
        this.scopes = Set.copyOf(chosen);
    }

    public Set<String> scopes() {
        return new TreeSet<>(scopes);
    }
}
