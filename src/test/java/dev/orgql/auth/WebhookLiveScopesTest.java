package dev.orgql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under policy {@code live}, reads use live scopes cached for the TTL; a membership webhook for the
 * member, or a template webhook, makes the next read look them up again. The payloads are the recorded
 * v1.42.0 and v1.37.1 shapes (recorded/webhooks) with this test's ids, signed with this test's key.
 */
@MicronautTest
class WebhookLiveScopesTest extends GatewayTest {
    private static final String KEY = "test-hook-signing-key-0123456789";

    @Inject
    LiveScopeCache liveScopes;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.scope-policy", "live", "orgql.webhooks.signing-keys", KEY);
    }

    @BeforeEach
    void stub() {
        liveScopes.invalidateAll();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        ScopePolicyScenarios.stubLiveScopes(Ids.ORG_A, Ids.ALL_SCOPES);
    }

    @Test
    void aMembershipDeltaNamingTheMemberDropsTheirCachedScopes() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "");
        read(token);
        read(token);
        assertThat(ScopePolicyScenarios.scopeLookups()).hasSize(1);

        deliver("{\"event\":\"Organization.Membership.Updated\",\"createdAt\":\"2026-12-01T16:26:18.428Z\","
                + "\"userAgent\":\"node\",\"ip\":\"127.0.0.1\",\"path\":\"/organizations/" + Ids.ORG_A
                + "/users\",\"method\":\"POST\",\"status\":201,\"params\":{\"id\":\"" + Ids.ORG_A + "\"},"
                + "\"matchedRoute\":\"/organizations/:id/users\",\"organizationId\":\"" + Ids.ORG_A + "\","
                + "\"removedUserIds\":[\"" + Ids.ALICE + "\"],\"hookId\":\"naytzdzhpone0mdt9bb2i\"}");
        read(token);

        assertThat(ScopePolicyScenarios.scopeLookups()).hasSize(2);
    }

    @Test
    void aV137MembershipEventThatNamesNobodyDropsTheWholeOrganization() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "");
        read(token);

        deliver("{\"event\":\"Organization.Membership.Updated\",\"createdAt\":\"2026-12-01T16:20:31.512Z\","
                + "\"userAgent\":\"node\",\"ip\":\"127.0.0.1\",\"organizationId\":\"" + Ids.ORG_A
                + "\",\"hookId\":\"k2x1qcml0p8v3hdu4c6pa\"}");
        read(token);

        assertThat(ScopePolicyScenarios.scopeLookups()).hasSize(2);
    }

    @Test
    void aBotJoiningLeavesMembersScopesCached() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "");
        read(token);

        deliver("{\"event\":\"Organization.Membership.Updated\",\"organizationId\":\"" + Ids.ORG_A
                + "\",\"addedApplicationIds\":[\"m2mapp000001\"]}");
        read(token);

        assertThat(ScopePolicyScenarios.scopeLookups()).hasSize(1);
    }

    private void read(String token) {
        assertThat(graphql(token, ScopePolicyScenarios.QUERY_A, ScopePolicyScenarios.ON_ORG_A)
                        .data()
                        .at("/organization/viewerScopes"))
                .hasSize(8);
    }

    private void deliver(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            int status = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.getURL() + "/webhooks/logto"))
                                    .header("Content-Type", "application/json")
                                    .header("logto-signature-sha-256", signature)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            assertThat(status).isEqualTo(204);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
