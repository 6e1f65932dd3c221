package dev.orgql.bot;

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

    record RemoveBotPayload(String removedApplicationId, List<UserError> userErrors) {
        static RemoveBotPayload failed(List<UserError> errors) {
            return new RemoveBotPayload(null, errors);
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
