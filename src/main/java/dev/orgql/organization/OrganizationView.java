package dev.orgql.organization;

import dev.orgql.graphql.OrganizationScoped;
import dev.orgql.logto.LogtoModels;
import java.util.Map;

/** The GraphQL {@code Organization}. */
public record OrganizationView(
        String id,
        String name,
        String description,
        Map<String, Object> customData,
        boolean isMfaRequired,
        Branding branding,
        long createdAt)
        implements OrganizationScoped {

    public static OrganizationView of(LogtoModels.Organization organization) {
        return new OrganizationView(
                organization.id(),
                organization.name(),
                organization.description(),
                CreationKeys.hidden(organization.customData()),
                organization.isMfaRequired(),
                Branding.of(organization.branding()),
                organization.createdAt());
    }

    /** The SDL's {@code Branding}, from the URLs Logto keeps (a key it lacks is null). */
    public record Branding(String logoUrl, String darkLogoUrl, String favicon, String darkFavicon) {
        static Branding of(Map<String, Object> branding) {
            Map<String, Object> urls = branding == null ? Map.of() : branding;
            return new Branding(
                    text(urls.get("logoUrl")),
                    text(urls.get("darkLogoUrl")),
                    text(urls.get("favicon")),
                    text(urls.get("darkFavicon")));
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }
    }

    @Override
    public String organizationId() {
        return id;
    }
}
