package dev.orgql.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every field's {@link AccessRule}, by coordinates ({@code Query.organization}); read once at start-up
 * from the schema and never changed. A field without a rule has no {@code @requiresScope}.
 */
public final class AccessRules {
    private final Map<String, AccessRule> byField;

    public AccessRules(Collection<AccessRule> rules) {
        Map<String, AccessRule> map = new TreeMap<>();
        for (AccessRule rule : rules) {
            if (map.put(rule.field(), rule) != null) {
                throw new IllegalStateException("Two access rules for " + rule.field());
            }
        }
        this.byField = Map.copyOf(map);
    }

    public Optional<AccessRule> of(String type, String field) {
        return Optional.ofNullable(byField.get(type + "." + field));
    }

    public Collection<AccessRule> all() {
        return new TreeMap<>(byField).values();
    }
}
