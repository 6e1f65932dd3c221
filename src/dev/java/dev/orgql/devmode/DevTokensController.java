package dev.orgql.devmode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orgql.devlogto.LogtoStandIn;
import dev.orgql.devlogto.Organization;
import dev.orgql.devlogto.OrganizationRole;
import dev.orgql.devlogto.SentMessage;
import dev.orgql.devlogto.User;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Dev mode only: ready-made tokens for the sample users, as an HTML page and as JSON for scripts.
 * Everything is self-contained (inline CSS, no scripts), so the page loads nothing from the internet.
 */
@Controller("/dev")
@Requires(env = "dev")
public class DevTokensController {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final DevLogto devLogto;

    public DevTokensController(DevLogto devLogto) {
        this.devLogto = devLogto;
    }

    @Get(value = "/tokens.json", produces = MediaType.APPLICATION_JSON)
    public String tokensJson(@Nullable @QueryValue("user") String user) throws Exception {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("warning", "DEVELOPMENT ONLY: in-memory Logto stand-in, tokens signed by a throwaway key");
        root.put("logtoEndpoint", devLogto.endpoint());
        root.put("apiResource", devLogto.apiResource());
        ArrayNode users = root.putArray("users");
        for (UserTokens t : tokens(user)) {
            ObjectNode u = users.addObject();
            u.put("id", t.user().id())
                    .put("name", t.user().name())
                    .put("email", t.user().primaryEmail());
            u.put("userToken", t.userToken()).put("userTokenScope", String.join(" ", t.scopes()));
            ArrayNode orgs = u.putArray("organizations");
            for (OrgToken o : t.organizations()) {
                orgs.addObject()
                        .put("id", o.organization().id())
                        .put("name", o.organization().name())
                        .put("roles", o.roles())
                        .put("token", o.token());
            }
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    @Get(value = "/tokens", produces = MediaType.TEXT_HTML)
    public String tokensPage(@Nullable @QueryValue("user") String user) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>orgql dev tokens (DEVELOPMENT ONLY)</title>
                <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
                .warn{background:#fff3cd;border:1px solid #e0b000;padding:.8em 1em;border-radius:6px}
                table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}
                code{font-size:.8em;word-break:break-all}</style></head><body>
                <h1>orgql dev tokens</h1>
                <p class="warn"><strong>Development only.</strong> Logto is an embedded stand-in at\s""")
                .append(esc(devLogto.endpoint()))
                .append(
                        "; its data lives in memory and is lost when the gateway stops. These tokens are signed by a key "
                                + "generated at start-up and are valid for ")
                .append(devLogto.standIn().tokens().ttlSeconds())
                .append(" s. Reload the page for fresh ones.</p>")
                .append("<p>API resource: <code>")
                .append(esc(devLogto.apiResource()))
                .append(
                        "</code>. JSON for scripts: <a href=\"/dev/tokens.json\">/dev/tokens.json</a> (<code>?user=&lt;id&gt;</code>).</p>")
                .append("<table><tr><th>User</th><th>User token</th><th>Organization tokens</th></tr>");
        for (UserTokens t : tokens(user)) {
            html.append("<tr><td><strong>")
                    .append(esc(t.user().name()))
                    .append("</strong><br><code>")
                    .append(esc(t.user().id()))
                    .append("</code><br>")
                    .append(esc(t.user().primaryEmail()))
                    .append("</td><td>")
                    .append(link(t.userToken(), "GraphiQL as user"))
                    .append(
                            t.scopes().isEmpty()
                                    ? ""
                                    : "<br>scopes: <code>" + esc(String.join(" ", t.scopes())) + "</code>")
                    .append("</td><td>");
            if (t.organizations().isEmpty()) html.append("<em>no organizations</em>");
            for (OrgToken o : t.organizations()) {
                html.append(link(o.token(), o.organization().name()))
                        .append(" <small>(")
                        .append(esc(o.roles()))
                        .append(")</small><br>");
            }
            html.append("</td></tr>");
        }
        html.append("</table><h2>Invitation emails sent (fake email connector)</h2><ul>");
        List<SentMessage> messages = devLogto.standIn().sentMessages();
        if (messages.isEmpty()) html.append("<li><em>none yet</em></li>");
        for (SentMessage m : messages) {
            html.append("<li>to ")
                    .append(esc(m.recipient()))
                    .append(", invitation <code>")
                    .append(esc(m.invitationId()))
                    .append("</code>, link ")
                    .append(m.link() == null ? "<em>none</em>" : "<code>" + esc(m.link()) + "</code>")
                    .append("</li>");
        }
        return html.append("</ul></body></html>").toString();
    }

    record OrgToken(Organization organization, String roles, String token) {}

    record UserTokens(User user, String userToken, List<String> scopes, List<OrgToken> organizations) {}

    private List<UserTokens> tokens(String onlyUser) {
        LogtoStandIn logto = devLogto.standIn();
        return logto.data().users().stream()
                .filter(u -> onlyUser == null || onlyUser.isEmpty() || u.id().equals(onlyUser))
                .map(u -> {
                    List<OrgToken> orgs = logto.data().userOrganizationIds(u.id()).stream()
                            .map(orgId -> new OrgToken(
                                    logto.data().organization(orgId).orElseThrow(),
                                    logto.data().userRoles(orgId, u.id()).stream()
                                            .map(OrganizationRole::name)
                                            .collect(Collectors.joining(", ")),
                                    logto.tokens().organizationToken(u.id(), orgId)))
                            .toList();
                    List<String> scopes = u.id().equals(dev.orgql.devlogto.SampleData.ADMIN_USER_ID)
                            ? DevLogto.ADMIN_API_SCOPES
                            : List.of();
                    return new UserTokens(u, devLogto.userToken(u.id()), scopes, orgs);
                })
                .toList();
    }

    private static String link(String token, String label) {
        return "<a href=\"/graphiql?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "\">" + esc(label)
                + "</a>";
    }

    private static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
