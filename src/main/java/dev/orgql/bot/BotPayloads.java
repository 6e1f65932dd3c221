package dev.orgql.bot;

import dev.orgql.graphql.GlobalIds;
import dev.orgql.graphql.UserError;
import java.util.List;

/** The bot mutations' payload types; the changed objects are null when {@code userErrors} say why. */
final class BotPayloads {
    private BotPayloads() {}

    record AddBotsPayload(List<BotView> bots, List<UserError> userErrors) {
        static AddBotsPayload failed(List<UserError> errors) {
            return new AddBotsPayload(null, errors);
        }
    }

    record RemoveBotPayload(String organizationId, String removedApplicationId, List<UserError> userErrors) {
        static RemoveBotPayload failed(List<UserError> errors) {
            return new RemoveBotPayload(null, null, errors);
        }

        /** The removed Bot's global id, so that a client can drop it from its cache. */
        public String removedNodeId() {
            return removedApplicationId == null ? null : GlobalIds.encode("Bot", organizationId, removedApplicationId);
        }
    }

    record AssignBotRolesPayload(List<BotView> bots, List<UserError> userErrors) {
        static AssignBotRolesPayload failed(List<UserError> errors) {
            return new AssignBotRolesPayload(null, errors);
        }
    }

    record SetBotRolesPayload(BotView bot, List<UserError> userErrors) {
        static SetBotRolesPayload failed(List<UserError> errors) {
            return new SetBotRolesPayload(null, errors);
        }
    }
}
