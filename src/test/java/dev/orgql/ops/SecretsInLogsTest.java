package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * Nothing secret in the logs, at any level: with every logger at TRACE, a request that makes the
 * gateway fetch its Management API token and call the Management API writes neither the token, nor
 * the client secret, nor the Basic credentials of the token request. A fresh application context per
 * class, so the first request here fetches the token.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsInLogsTest extends GatewayTest {
    private static final List<String> TRACED =
            List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.micronaut", "io.netty", "dev.orgql");

    private final Map<Logger, Level> levels = new HashMap<>();
    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void traceEverything() {
        for (String name : TRACED) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.TRACE);
        }
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        levels.forEach(Logger::setLevel);
    }

    /** What a reader of the log sees of an event: its message, arguments formatted, and its stack trace. */
    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(thrown));
        }
        return text.toString();
    }

    @Test
    @Order(1)
    void noTokenNoSecretAtTrace() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        String userToken = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        Answer answer = graphql(userToken, operation("organizationName"), Map.of("id", Ids.ORG_A));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(LogtoMock.allCalls())
                .as("this request fetched the M2M token and called the Management API")
                .anySatisfy(call -> assertThat(call.getUrl()).startsWith("/oidc/token"))
                .anySatisfy(call -> assertThat(call.getUrl()).startsWith("/api/organizations/"));
        assertThat(log.list).as("TRACE is on: the HTTP client did write lines").isNotEmpty();
        String accessToken = Fixtures.recordedBody("01-token-client-credentials.json")
                .get("access_token")
                .asText();
        String basic = Base64.getEncoder()
                .encodeToString(
                        (LogtoMock.M2M_APP_ID + ":" + LogtoMock.M2M_APP_SECRET).getBytes(StandardCharsets.UTF_8));
        // Lines may still be written after the answer (connections released, calls cancelled): read a
        // snapshot taken under the appender's lock (AppenderBase.doAppend holds it while it appends).
        List<ILoggingEvent> events;
        synchronized (log) {
            events = List.copyOf(log.list);
        }
        assertThat(events)
                .allSatisfy(event -> assertThat(text(event))
                        .doesNotContain(accessToken)
                        .doesNotContain(accessToken.substring(0, 40))
                        .doesNotContain(LogtoMock.M2M_APP_SECRET)
                        .doesNotContain(basic)
                        .doesNotContain(userToken)
                        .doesNotContain("Bearer ey"));
    }
}
