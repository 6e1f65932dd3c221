package dev.orgql.joinrule;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.List;

/** The {@code orgql.join-rules.*} settings. */
@ConfigurationProperties("orgql.join-rules")
public class JoinRulesConfig {
    private List<String> publicEmailDomains = new ArrayList<>();
    private boolean ownDomainOnly = true;

    /** Refused besides the built-in list of public email providers ({@code ORGQL_PUBLIC_EMAIL_DOMAINS}). */
    public List<String> getPublicEmailDomains() {
        return publicEmailDomains;
    }

    public void setPublicEmailDomains(List<String> publicEmailDomains) {
        this.publicEmailDomains = publicEmailDomains == null ? new ArrayList<>() : publicEmailDomains;
    }

    /** Whether an admin may add only their own email's domain (or its subdomains) without MANAGE_JOIN_RULES. */
    public boolean isOwnDomainOnly() {
        return ownDomainOnly;
    }

    public void setOwnDomainOnly(boolean ownDomainOnly) {
        this.ownDomainOnly = ownDomainOnly;
    }
}
