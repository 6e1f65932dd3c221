package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * While Logto's token endpoint is down, each failed fetch of the gateway's Management API token is one
 * WARN line without a stack trace; Caffeine's own report of the failed load (through
 * {@code System.Logger}, that is JUL, bridged to logback) is not written on top of it.
 */
@MicronautTest
class TokenOutageLogTest extends GatewayTest {
    private ListAppender<ILoggingEvent> log;
    private Logger root;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log = new ListAppender<>();
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
    }

    @Test
    void julLinesReachLogback() {
        java.util.logging.Logger.getLogger("orgql.test.jul").warning("through the bridge");

        assertThat(log.list)
                .filteredOn(e -> e.getLoggerName().equals("orgql.test.jul"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.WARN);
                    assertThat(e.getFormattedMessage()).isEqualTo("through the bridge");
                });
    }

    @Test
    void aFailedTokenFetchIsOneWarnLine() {
        LogtoMock.stub(
                post(urlPathEqualTo("/oidc/token")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        Answer answer = graphql(token, operation("organizationName"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errors()).isNotNull();
        long fetches = LogtoMock.allCalls().stream()
                .filter(call -> call.getUrl().startsWith("/oidc/token"))
                .count();
        assertThat(fetches).isPositive();
        List<ILoggingEvent> tokenLines = log.list.stream()
                .filter(e -> e.getLoggerName().equals("dev.orgql.logto.ManagementTokenProvider"))
                .toList();
        assertThat(tokenLines).hasSize((int) fetches).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).startsWith("Logto's token endpoint could not be reached");
            assertThat(e.getThrowableProxy()).isNull();
        });
        assertThat(log.list)
                .as("no stack trace of the outage, from Caffeine or elsewhere")
                .filteredOn(e -> e.getThrowableProxy() != null)
                .noneSatisfy(e -> assertThat(e.getThrowableProxy().getClassName())
                        .isIn("dev.orgql.logto.LogtoException", "java.util.concurrent.CompletionException"));
        assertThat(log.list).noneSatisfy(e -> assertThat(e.getLoggerName()).startsWith("com.github.benmanes.caffeine"));
    }
}
