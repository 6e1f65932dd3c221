package dev.orgql.joinrule;

import dev.orgql.graphql.UserError;
import java.util.List;
import java.util.UUID;

/** The join-rule mutations' payload type, shared by all six. */
final class JoinRulePayloads {
    private JoinRulePayloads() {}

    record JoinRulesPayload(JoinRulesView joinRules, List<UserError> userErrors) {
        static JoinRulesPayload failed(List<UserError> errors) {
            return new JoinRulesPayload(null, errors);
        }

        /** The rules after a change, read afresh (a new snapshot) if the client selects them. */
        static JoinRulesPayload changed(String organizationId) {
            return new JoinRulesPayload(
                    new JoinRulesView(organizationId, UUID.randomUUID().toString()), List.of());
        }
    }
}
