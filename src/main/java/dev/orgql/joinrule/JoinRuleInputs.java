package dev.orgql.joinrule;

import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import java.util.List;

/** The join-rule mutations' input types, read by {@link Inputs}. */
final class JoinRuleInputs {
    private JoinRuleInputs() {}

    record AddJoinEmailDomainInput(String organizationId, String emailDomain) {}

    record RemoveJoinEmailDomainInput(String organizationId, String emailDomain) {}

    record SetJoinEmailDomainsInput(String organizationId, List<String> emailDomains) {
        SetJoinEmailDomainsInput {
            atMost100(emailDomains, "email domains", "emailDomains");
        }
    }

    record SetJoinDefaultRolesInput(String organizationId, List<String> roleIds) {
        SetJoinDefaultRolesInput {
            roleIds = Inputs.distinct(roleIds);
            atMost100(roleIds, "role ids", "roleIds");
        }
    }

    record AddJoinSsoConnectorInput(String organizationId, String ssoConnectorId) {}

    record RemoveJoinSsoConnectorInput(String organizationId, String ssoConnectorId) {}

    /** An empty list is allowed here (it clears the set), unlike {@link Mutations#batchSizeError}. */
    private static void atMost100(List<?> values, String noun, String field) {
        if (values.size() > 100) {
            UserError error = Mutations.batchSizeError(values, noun, "input", field);
            throw new Mutations.UserErrorException(error);
        }
    }
}
