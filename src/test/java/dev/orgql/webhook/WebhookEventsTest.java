package dev.orgql.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.logto.LogtoChange;
import dev.orgql.support.Fixtures;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each recorded delivery is read as, on both versions (recorded/webhooks README: "Payloads"). */
class WebhookEventsTest {
    @Test
    void membershipDeltasOfV142NameWhoJoinedOrLeft() throws IOException {
        LogtoChange change = read(WebhookTest.V142, "Organization.Membership.Updated.add-member.json");

        assertThat(change)
                .isEqualTo(new LogtoChange.MembershipChanged("86j0ibeq3xx3", Set.of("27nng4bk0ads"), Set.of()));
    }

    @Test
    void v137AddingMembersDoesNotSayWhoButRemovingSaysItInTheParams() throws IOException {
        var added = (LogtoChange.MembershipChanged)
                read(WebhookTest.V137, "Organization.Membership.Updated.add-member.json");
        var removed = (LogtoChange.MembershipChanged)
                read(WebhookTest.V137, "Organization.Membership.Updated.remove-member.json");
        var app = (LogtoChange.MembershipChanged)
                read(WebhookTest.V137, "Organization.Membership.Updated.remove-m2m-application.json");

        assertThat(added.userIds()).isEmpty();
        assertThat(added.applicationIds()).isEmpty();
        assertThat(removed.userIds()).hasSize(1);
        assertThat(app.applicationIds()).hasSize(1);
        assertThat(app.userIds()).isEmpty();
    }

    @Test
    void v137AcceptInvitationHasOnlyTheOrganization() throws IOException {
        var accepted = (LogtoChange.MembershipChanged)
                read(WebhookTest.V137, "Organization.Membership.Updated.accept-invitation.json");

        assertThat(accepted.organizationId()).isNotBlank();
        assertThat(accepted.userIds()).isEmpty();
    }

    @Test
    void deletesCarryTheirIdInParamsOnly() throws IOException {
        for (JsonNode version : new JsonNode[] {WebhookTest.V137, WebhookTest.V142}) {
            assertThat(read(version, "Organization.Deleted.delete-organization.json"))
                    .isInstanceOf(LogtoChange.OrganizationDeleted.class)
                    .extracting(c -> ((LogtoChange.OrganizationDeleted) c).organizationId())
                    .asString()
                    .isNotBlank();
            assertThat(read(version, "User.Deleted.delete-user.json")).isInstanceOf(LogtoChange.UserChanged.class);
            assertThat(read(version, "OrganizationRole.Deleted.delete-organization-role.json"))
                    .isInstanceOf(LogtoChange.TemplateChanged.class);
            assertThat(read(version, "OrganizationScope.Deleted.delete-organization-scope.json"))
                    .isInstanceOf(LogtoChange.TemplateChanged.class);
        }
    }

    @Test
    void eventsNothingIsCachedForChangeNothing() throws IOException {
        for (JsonNode version : new JsonNode[] {WebhookTest.V137, WebhookTest.V142}) {
            assertThat(change(version, "PostSignIn.experience-sign-in.json")).isEmpty();
            assertThat(change(version, "User.Created.create-user.json")).isEmpty();
            assertThat(change(version, "Organization.Created.create-organization.json"))
                    .isEmpty();
        }
        assertThat(WebhookEvents.changeOf(Fixtures.JSON.readTree("{\"event\":\"Something.New\"}")))
                .isEmpty();
        assertThat(WebhookEvents.changeOf(Fixtures.JSON.readTree("{}"))).isEmpty();
    }

    @Test
    void updatesNameTheirEntity() throws IOException {
        LogtoChange organization = read(WebhookTest.V142, "Organization.Data.Updated.update-organization.json");
        LogtoChange user = read(WebhookTest.V142, "User.SuspensionStatus.Updated.suspend-user.json");

        assertThat(organization).isInstanceOf(LogtoChange.OrganizationChanged.class);
        assertThat(user).isInstanceOf(LogtoChange.UserChanged.class);
        assertThat(((LogtoChange.UserChanged) user).deleted()).isFalse();
    }

    private static LogtoChange read(JsonNode version, String file) throws IOException {
        return change(version, file).orElseThrow();
    }

    private static Optional<LogtoChange> change(JsonNode version, String file) throws IOException {
        String raw = WebhookTest.delivery(version, file).get("rawBody").asText();
        return WebhookEvents.changeOf(Fixtures.JSON.readTree(raw));
    }
}
