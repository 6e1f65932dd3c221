package dev.orgql.organization;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.updateOrganization}: one PATCH with the fields the client sent (customData replaces). */
@Singleton
class UpdateOrganizationMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;

    UpdateOrganizationMutation(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Mutation.updateOrganization";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        return Mutations.run(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (input.containsKey("name")) {
                body.put("name", OrganizationInputs.name(input.get("name")));
            }
            if (input.containsKey("description")) {
                body.put("description", OrganizationInputs.description(input.get("description")));
            }
            if (input.containsKey("customData")) {
                body.put("customData", OrganizationInputs.customData(input.get("customData")));
            }
            if (input.containsKey("branding")) {
                body.put("branding", OrganizationInputs.branding(input.get("branding")));
            }
            if (input.containsKey("isMfaRequired")) {
                if (input.get("isMfaRequired") == null) {
                    return Mutations.failedNow(UserError.of(UserErrorCode.BAD_USER_INPUT, "isMfaRequired cannot be null.",
                            "input", "isMfaRequired"));
                }
                body.put("isMfaRequired", input.get("isMfaRequired"));
            }
            if (body.isEmpty()) {
                return Mutations.failedNow(UserError.of(UserErrorCode.BAD_USER_INPUT,
                        "Nothing to change: give at least one of name, description, customData, branding, isMfaRequired.", "input"));
            }
            return logto.updateOrganization((String) input.get("organizationId"), body)
                    .thenApply(organization -> Mutations.payload("organization", OrganizationNode.of(organization)));
        });
    }
}
