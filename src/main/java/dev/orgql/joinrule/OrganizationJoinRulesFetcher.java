package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.OrganizationPrefetch;
import dev.orgql.graphql.PrefetchSelection;
import dev.orgql.graphql.RequestContext;
import dev.orgql.organization.OrganizationView;
import dev.orgql.role.TemplateCache;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

/** {@code Organization.joinRules}: its lists start alongside the organization when the caller may read them. */
@Singleton
class OrganizationJoinRulesFetcher implements GatewayFetcher<JoinRulesView>, OrganizationPrefetch {
    private final JoinRuleReads reads;
    private final TemplateCache template;

    OrganizationJoinRulesFetcher(JoinRuleReads reads, TemplateCache template) {
        this.reads = reads;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Organization.joinRules";
    }

    @Override
    public String field() {
        return "joinRules";
    }

    @Override
    public JoinRulesView get(DataFetchingEnvironment env) {
        OrganizationView organization = env.getSource();
        return new JoinRulesView(organization.id(), JoinRulesView.BEFORE_ANY_CHANGE);
    }

    @Override
    public void prefetch(String organizationId, PrefetchSelection selection, RequestContext context) {
        String snapshot = JoinRulesView.BEFORE_ANY_CHANGE;
        if (selection.selectsDirectly("emailDomains")) {
            reads.emailDomains(context, organizationId, snapshot);
        }
        if (selection.selectsDirectly("defaultRoles")) {
            reads.defaultRoles(context, organizationId, snapshot);
            template.roles(context);
        }
        if (selection.selectsDirectly("ssoConnectors")) {
            reads.ssoConnectors(context, organizationId, snapshot);
        }
    }
}
