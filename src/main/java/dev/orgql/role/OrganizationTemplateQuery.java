package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

/** {@code Query.organizationTemplate}: a marker; its fields read the template cache. */
@Singleton
class OrganizationTemplateQuery implements GatewayFetcher<Object> {
    static final Object TEMPLATE = new Object();

    @Override
    public String coordinates() {
        return "Query.organizationTemplate";
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        return TEMPLATE;
    }
}
