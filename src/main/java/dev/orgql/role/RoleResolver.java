package dev.orgql.role;

import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Turns the role references Logto embeds in members, bots and invitations ({@code {id, name}}) into
 * full roles from the template cache, so that no role is ever fetched one by one.
 */
@Singleton
public class RoleResolver {
    private final TemplateCache template;

    RoleResolver(TemplateCache template) {
        this.template = template;
    }

    /**
     * @param fallbackType the role type to report for a role the cached template does not know yet
     *                     (created in the last seconds): {@code USER} or {@code MACHINE_TO_MACHINE}
     * @param context      the request, which shares one template read among all its fields
     */
    public CompletableFuture<List<RoleView>> resolve(
            RequestContext context, List<LogtoModels.IdAndName> refs, String fallbackType) {
        if (refs == null || refs.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return template.roles(context)
                .thenApply(roles -> refs.stream()
                        .map(ref -> toView(ref, roles, fallbackType))
                        .sorted(Comparator.comparing(RoleView::name))
                        .toList());
    }

    private static RoleView toView(
            LogtoModels.IdAndName ref, Map<String, LogtoModels.Role> roles, String fallbackType) {
        LogtoModels.Role role = roles.get(ref.id());
        return role != null ? RoleView.of(role) : new RoleView(ref.id(), ref.name(), null, fallbackType, List.of());
    }
}
