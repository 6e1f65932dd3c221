package dev.orgql.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/**
 * Logto webhooks: the signing keys of the hooks that deliver to the gateway ({@code ORGQL_WEBHOOK_SIGNING_KEYS},
 * comma-separated so that a key can be rotated: add the new one, rotate in Logto, remove the old one).
 * With no key the endpoint answers 404: an unsigned delivery is never trusted.
 */
@ConfigurationProperties("orgql.webhooks")
public class WebhookConfig {
    private List<String> signingKeys = List.of();

    public List<String> getSigningKeys() {
        return signingKeys;
    }

    public void setSigningKeys(List<String> signingKeys) {
        this.signingKeys = signingKeys == null
                ? List.of()
                : signingKeys.stream()
                        .map(String::trim)
                        .filter(k -> !k.isEmpty())
                        .toList();
    }

    public boolean enabled() {
        return !signingKeys.isEmpty();
    }
}
