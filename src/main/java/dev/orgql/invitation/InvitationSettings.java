package dev.orgql.invitation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@code orgql.invitation-ttl} and {@code orgql.invitation-link-template}. */
@Singleton
class InvitationSettings {
    static final String ID_PLACEHOLDER = "{invitationId}";

    private final Duration ttl;
    private final String linkTemplate;

    InvitationSettings(
            @Value("${orgql.invitation-ttl:7d}") Duration ttl,
            @Value("${orgql.invitation-link-template:}") String linkTemplate) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalStateException("orgql.invitation-ttl (ORGQL_INVITATION_TTL) must be positive, not " + ttl);
        }
        if (linkTemplate != null && !linkTemplate.isBlank() && !linkTemplate.contains(ID_PLACEHOLDER)) {
            throw new IllegalStateException(
                    "orgql.invitation-link-template (ORGQL_INVITATION_LINK_TEMPLATE) must contain " + ID_PLACEHOLDER
                            + ", for example https://app.example.com/invitation/accept/" + ID_PLACEHOLDER);
        }
        this.ttl = ttl;
        this.linkTemplate = linkTemplate == null ? "" : linkTemplate.trim();
    }

    Duration ttl() {
        return ttl;
    }

    boolean hasLinkTemplate() {
        return !linkTemplate.isEmpty();
    }

    /** The invitation link for the email: the template with the (percent-encoded) invitation id. */
    String link(String invitationId) {
        return linkTemplate.replace(ID_PLACEHOLDER, URLEncoder.encode(invitationId, StandardCharsets.UTF_8));
    }
}
