package dev.orgql.organization;

import dev.orgql.graphql.GlobalIds;
import dev.orgql.graphql.UserError;
import java.util.List;

/** The organization mutations' payload types; the changed object is null when {@code userErrors} say why. */
final class OrganizationPayloads {
    private OrganizationPayloads() {}

    record CreateOrganizationPayload(OrganizationView organization, List<UserError> userErrors) {
        static CreateOrganizationPayload failed(List<UserError> errors) {
            return new CreateOrganizationPayload(null, errors);
        }
    }

    record UpdateOrganizationPayload(OrganizationView organization, List<UserError> userErrors) {
        static UpdateOrganizationPayload failed(List<UserError> errors) {
            return new UpdateOrganizationPayload(null, errors);
        }
    }

    record DeleteOrganizationPayload(String deletedOrganizationId, List<UserError> userErrors) {
        static DeleteOrganizationPayload failed(List<UserError> errors) {
            return new DeleteOrganizationPayload(null, errors);
        }

        /** The deleted Organization's global id, so that a client can drop it from its cache. */
        public String deletedNodeId() {
            return deletedOrganizationId == null ? null : GlobalIds.encode("Organization", deletedOrganizationId);
        }
    }
}
