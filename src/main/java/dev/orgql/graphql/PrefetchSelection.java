package dev.orgql.graphql;

import java.util.Map;
import java.util.Set;

/**
 * A field selected under an organization, as its prefetch ({@link OrganizationPrefetch}) needs it: its
 * arguments with every global id replaced by its Logto id (as the field's fetcher will see them) and the
 * names of the fields selected beneath it. Read from the document once per document and variables
 * ({@link Prefetcher}) and shared by the requests that repeat them, so it is never changed.
 *
 * @param field the {@code Organization} field, for example {@code members}
 * @param arguments its arguments (values may be null: an argument given as null)
 * @param direct the names of the fields selected directly under it
 * @param beneath the names of the fields selected anywhere under it
 */
public record PrefetchSelection(String field, Map<String, Object> arguments, Set<String> direct, Set<String> beneath) {

    /** Whether a field called {@code name} is selected directly under this one. */
    public boolean selectsDirectly(String name) {
        return direct.contains(name);
    }

    /** Whether a field called {@code name} is selected anywhere under this one. */
    public boolean selectsAnywhere(String name) {
        return beneath.contains(name);
    }
}
