package dev.orgql.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.devlogto.SampleData;
import dev.orgql.devlogto.SentMessage;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The invitation flow end to end against the dev-mode stand-in: Ada (admin of Acme Corp) invites Nora,
 * who belongs to no organization; the stand-in "sends" the email with the templated link; Nora finds
 * the invitation in {@code viewer.invitations}, opens it by id, accepts it, and is then a member of
 * Acme Corp with the invited role, readable at once (her cached live scopes were dropped).
 */
@MicronautTest(environments = "dev")
class DevModeInvitationsE2ETest extends DevModeE2E {
    static final String ACME = SampleData.ACME_ORG_ID;

    @Test
    void adminInvitesNoraWhoSeesAcceptsAndBecomesAMember() {
        String ada = devLogto.userToken(SampleData.ADMIN_USER_ID);
        String nora = devLogto.userToken(SampleData.LONER_USER_ID);
        String memberRole = null;
        for (JsonNode role : graphql(ada, operation("templateRoleIds")).data().at("/organizationTemplate/roles")) {
            if (role.get("name").asText().equals("member")) {
                memberRole = role.get("id").asText();
            }
        }

        // Before: Nora cannot read Acme (and that denial is now in the live-scope cache).
        assertThat(graphql(nora, operation("organizationName"), Map.of("id", ACME))
                        .errorCode())
                .isEqualTo("FORBIDDEN");

        Answer invited = graphql(
                ada,
                operation("inviteMember"),
                Map.of(
                        "input",
                        Map.of("organizationId", ACME, "invitee", "Nora@Example.com", "roleIds", List.of(memberRole))));
        assertThat(invited.errors().isMissingNode())
                .as(invited.body().toString())
                .isTrue();
        JsonNode payload = invited.data().get("inviteMember");
        assertThat(payload.get("userErrors")).isEmpty();
        assertThat(payload.get("emailSent").asBoolean()).isTrue();
        String invitationId = payload.at("/invitation/invitationId").asText();
        assertThat(payload.at("/invitation/inviter/userId").asText()).isEqualTo(SampleData.ADMIN_USER_ID);
        SentMessage sent = devLogto.standIn().sentMessages().stream()
                .filter(m -> m.invitationId().equals(invitationId))
                .findFirst()
                .orElseThrow();
        assertThat(sent.link()).isEqualTo("http://localhost:5173/invitation/accept/" + invitationId);

        // Nora sees it (besides her older Globex invitation), and the landing page shows it to her.
        JsonNode mine = graphql(nora, operation("myInvitations")).data().at("/viewer/invitations/nodes");
        assertThat(mine.findValuesAsText("invitationId")).contains(invitationId);
        assertThat(mine.findValuesAsText("organizationId")).contains(ACME, SampleData.GLOBEX_ORG_ID);
        JsonNode landing = graphql(nora, operation("invitation"), Map.of("id", invitationId))
                .data()
                .get("invitation");
        assertThat(landing.get("status").asText()).isEqualTo("PENDING");
        assertThat(landing.at("/inviter/name").asText()).isEqualTo("Ada Admin");

        // Mia is not the invitee: refused, nothing changes.
        Answer mia = graphql(
                devLogto.userToken(SampleData.MEMBER_USER_ID),
                operation("acceptInvitation"),
                Map.of("input", Map.of("invitationId", invitationId)));
        assertThat(mia.errorCode()).isEqualTo("FORBIDDEN");

        Answer accepted =
                graphql(nora, operation("acceptInvitation"), Map.of("input", Map.of("invitationId", invitationId)));
        assertThat(accepted.data().at("/acceptInvitation/userErrors"))
                .as(accepted.body().toString())
                .isEmpty();
        assertThat(accepted.data().at("/acceptInvitation/invitation/status").asText())
                .isEqualTo("ACCEPTED");
        assertThat(accepted.data()
                        .at("/acceptInvitation/invitation/acceptedUser/userId")
                        .asText())
                .isEqualTo(SampleData.LONER_USER_ID);

        // Nora is a member with the invited role: Ada sees her, and Nora reads Acme at once.
        JsonNode members = graphql(
                        ada, operation("memberRolesBySearch"), Map.of("id", ACME, "search", "nora@example.com"))
                .data()
                .at("/organization/members/nodes");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("userId").asText()).isEqualTo(SampleData.LONER_USER_ID);
        assertThat(members.get(0).get("roles").findValuesAsText("name")).containsExactly("member");
        Answer noraReads = graphql(nora, operation("organizationNameAndPermissions"), Map.of("id", ACME));
        assertThat(noraReads.data().at("/organization/name").asText()).isEqualTo("Acme Corp");
        assertThat(graphql(nora, operation("myInvitations"))
                        .data()
                        .at("/viewer/invitations/nodes")
                        .findValuesAsText("invitationId"))
                .doesNotContain(invitationId);

        // Accepting twice: the invitation is final.
        Answer again =
                graphql(nora, operation("acceptInvitation"), Map.of("input", Map.of("invitationId", invitationId)));
        assertThat(again.data().at("/acceptInvitation/userErrors/0/code").asText())
                .isEqualTo("INVITATION_NOT_PENDING");
    }

    @Test
    void aMemberCannotBeInvitedAgainWhateverTheCase() {
        String ada = devLogto.userToken(SampleData.ADMIN_USER_ID);

        Answer invited = graphql(
                ada,
                operation("inviteMember"),
                Map.of(
                        "input",
                        Map.of(
                                "organizationId",
                                ACME,
                                "invitee",
                                SampleData.MEMBER_EMAIL.toUpperCase(java.util.Locale.ROOT))));

        assertThat(invited.data().at("/inviteMember/userErrors/0/code").asText())
                .isEqualTo("ALREADY_A_MEMBER");
        assertThat(invited.data().at("/inviteMember/invitation").isNull()).isTrue();
    }
}
