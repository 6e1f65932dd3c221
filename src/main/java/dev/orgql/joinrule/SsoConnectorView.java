package dev.orgql.joinrule;

import dev.orgql.logto.LogtoModels;

/** The GraphQL {@code SsoConnector}: what a frontend may show, never the connector's configuration. */
public record SsoConnectorView(String id, String name, String providerName) {
    static SsoConnectorView of(LogtoModels.SsoConnector connector) {
        return new SsoConnectorView(connector.id(), connector.connectorName(), connector.providerName());
    }
}
