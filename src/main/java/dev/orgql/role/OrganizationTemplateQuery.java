package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

/** {@code Query.organizationTemplate}: a marker; its fields read the template cache. */
@Singleton
class OrganizationTemplateQuery implements GatewayFetcher<OrganizationTemplateQuery.Template> {
    static final Template TEMPLATE = new Template();

    /** The SDL's {@code OrganizationTemplate}: its fields are fetchers reading the cached template. */
    record Template() {}

    @Override
    public String coordinates() {
        return "Query.organizationTemplate";
    }

    @Override
    public Template get(DataFetchingEnvironment env) {
        return TEMPLATE;
    }
}
