package dev.orgql.auth;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How an organization token compares with what its user may do now in that organization.
 *
 * @param status       {@code CURRENT}, {@code LOST_SCOPES} (the token carries scopes the user no longer
 *                     has: clear it and get a new one) or {@code GAINED_SCOPES} (the user now has requested
 *                     scopes the token lacks: get a new one, or re-consent for a scope new to the app);
 *                     losing wins over gaining, since acting on it also picks up the gains
 * @param lostScopes   token scopes the user no longer has
 * @param gainedScopes requested scopes the user now has and the token lacks
 */
public record TokenFreshness(
        String organizationId,
        String status,
        List<String> lostScopes,
        List<String> gainedScopes,
        List<String> tokenScopes,
        List<String> liveScopes) {

    public static TokenFreshness compare(
            String organizationId, Set<String> token, Set<String> live, Set<String> requested) {
        TreeSet<String> lost = new TreeSet<>(token);
        lost.removeAll(live);
        TreeSet<String> gained = new TreeSet<>(live);
        gained.retainAll(requested);
        gained.removeAll(token);
        String status = !lost.isEmpty() ? "LOST_SCOPES" : !gained.isEmpty() ? "GAINED_SCOPES" : "CURRENT";
        return new TokenFreshness(
                organizationId,
                status,
                List.copyOf(lost),
                List.copyOf(gained),
                List.copyOf(new TreeSet<>(token)),
                List.copyOf(new TreeSet<>(live)));
    }

    /** Only a user's organization token carries organization scopes to compare. */
    public static boolean applies(Caller caller, String organizationId) {
        return caller != null
                && caller.kind() == TokenKind.USER_ORGANIZATION
                && caller.organizationId().equals(organizationId);
    }
}
