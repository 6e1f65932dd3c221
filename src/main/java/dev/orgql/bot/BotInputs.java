package dev.orgql.bot;

import dev.orgql.graphql.Inputs;
import java.util.List;

/** The bot mutations' input types, read by {@link Inputs}; id lists are de-duplicated. */
final class BotInputs {
    private BotInputs() {}

    record AddBotsInput(
            String organizationId, List<String> applicationIds, List<String> roleIds, String idempotencyKey) {
        AddBotsInput {
            applicationIds = Inputs.distinct(applicationIds);
            roleIds = Inputs.distinct(roleIds);
        }
    }

    record RemoveBotInput(String organizationId, String applicationId) {}

    record AssignBotRolesInput(String organizationId, List<String> applicationIds, List<String> roleIds) {
        AssignBotRolesInput {
            applicationIds = Inputs.distinct(applicationIds);
            roleIds = Inputs.distinct(roleIds);
        }
    }

    record SetBotRolesInput(String organizationId, String applicationId, List<String> roleIds) {
        SetBotRolesInput {
            roleIds = Inputs.distinct(roleIds);
        }
    }
}
