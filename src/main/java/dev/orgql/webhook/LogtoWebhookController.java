package dev.orgql.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.logto.LogtoChange;
import dev.orgql.logto.LogtoJson;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Logto's webhook deliveries ({@code POST /webhooks/logto}, or {@code ORGQL_WEBHOOK_PATH}) and
 * publishes what each makes stale as a {@link LogtoChange}. Only a delivery signed with a configured key
 * is read: anything unsigned or wrongly signed is 401 and changes nothing. A replayed delivery can only
 * make the gateway read again what it would read after the TTL anyway, so no replay window is kept (Logto
 * sends no delivery id; its {@code createdAt} is signed, and a clock check would drop good deliveries).
 * Logto does not retry (recorded: one delivery per event, 10 s timeout), so the answer is immediate.
 */
@Controller("${orgql.webhooks.path:/webhooks/logto}")
public class LogtoWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(LogtoWebhookController.class);
    static final String SIGNATURE_HEADER = "logto-signature-sha-256";

    private final WebhookConfig config;
    private final ApplicationEventPublisher<LogtoChange> changes;
    private final LogtoJson json;

    LogtoWebhookController(WebhookConfig config, ApplicationEventPublisher<LogtoChange> changes, LogtoJson json) {
        this.config = config;
        this.changes = changes;
        this.json = json;
    }

    /** The body of a refused delivery. */
    public record Refusal(String error) {}

    @Post
    @Consumes(MediaType.ALL)
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<?> receive(@Nullable @Header(SIGNATURE_HEADER) String signature, @Nullable @Body byte[] body) {
        if (!config.enabled()) {
            return refuse(HttpStatus.NOT_FOUND, "Webhooks are not configured (ORGQL_WEBHOOK_SIGNING_KEYS).");
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (!WebhookSignature.valid(raw, signature, config.getSigningKeys())) {
            // DEBUG only: anyone can send these, and a log line each would let them fill the log.
            LOG.debug("Refused a webhook delivery: {}", signature == null ? "unsigned" : "wrong signature");
            return refuse(
                    HttpStatus.UNAUTHORIZED,
                    signature == null
                            ? "Unsigned: the " + SIGNATURE_HEADER + " header is missing."
                            : "The " + SIGNATURE_HEADER + " signature does not match the body.");
        }
        JsonNode payload = json.tree(raw);
        if (payload == null || !payload.isObject()) {
            LOG.warn("A signed webhook delivery is not a JSON object; ignored");
            return refuse(HttpStatus.BAD_REQUEST, "The body is not a JSON object.");
        }
        Optional<LogtoChange> change = WebhookEvents.changeOf(payload);
        LOG.debug(
                "Webhook {}: {}",
                payload.path("event").asText(),
                change.map(Object::toString).orElse("nothing cached"));
        change.ifPresent(changes::publishEvent);
        return HttpResponse.noContent();
    }

    private static HttpResponse<?> refuse(HttpStatus status, String message) {
        return HttpResponse.status(status).body(new Refusal(message));
    }
}
