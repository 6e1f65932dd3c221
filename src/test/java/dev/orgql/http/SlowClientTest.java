package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Client connections that hold the server without sending a request are closed: one that sends nothing,
 * one that sends its headers or its body a byte at a time (each byte would restart an idle timer), and a
 * kept-alive one that stays silent after its answer. Clients that send their requests whole keep their
 * connection. The timeouts are short here; the tests wait for the close, they do not time it.
 */
@MicronautTest
class SlowClientTest extends GatewayTest {
    private static final String QUERY = "{\"query\":\"{ __typename }\"}";
    /** Far more often than either timeout: the connection is never idle while a request trickles. */
    private static final long TRICKLE_INTERVAL_MS = 100;

    private final ExecutorService trickler = Executors.newCachedThreadPool();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.server.request-read-timeout", "1s",
                // Whole seconds (Netty's idle timer); longer than the request read timeout, so that a
                // trickled request can only be closed by that one.
                "orgql.server.idle-timeout", "3s");
    }

    @AfterAll
    void stopTrickler() {
        trickler.shutdownNow();
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        try (RawHttp client = RawHttp.open(server.getURL())) {
            assertThat(client.awaitClosed())
                    .as("what the server sent before closing")
                    .isEmpty();
        }
    }

    @Test
    void aBodySentAByteAtATimeIsClosedAndNeverRun() throws Exception {
        try (RawHttp client = RawHttp.open(server.getURL())) {
            client.send("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer x\r\nContent-Length: " + QUERY.length() * 100 + "\r\n\r\n");
            Future<?> trickle = trickle(client, QUERY.repeat(100));
            assertThat(client.awaitClosed()).as("closed without an answer").isEmpty();
            trickle.cancel(true);
        }
        assertThat(LogtoMock.allCalls()).isEmpty();
    }

    @Test
    void headersSentAByteAtATimeAreClosed() throws Exception {
        try (RawHttp client = RawHttp.open(server.getURL())) {
            Future<?> trickle = trickle(
                    client,
                    "GET /health/liveness HTTP/1.1\r\nHost: localhost\r\n" + "X-Padding: " + "a".repeat(2000)
                            + "\r\n\r\n");
            assertThat(client.awaitClosed()).as("closed without an answer").isEmpty();
            trickle.cancel(true);
        }
    }

    @Test
    void aKeptAliveConnectionThatFallsSilentIsClosed() throws IOException {
        try (RawHttp client = RawHttp.open(server.getURL())) {
            assertThat(client.get("/health/liveness").status()).isEqualTo(200);
            assertThat(client.awaitClosed()).as("closed after idle-timeout").isEmpty();
        }
    }

    @Test
    void requestsSentWholeKeepTheirConnection() throws IOException {
        try (RawHttp client = RawHttp.open(server.getURL())) {
            for (int i = 0; i < 3; i++) {
                client.send("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + QUERY.length() + "\r\n\r\n");
                client.send(QUERY);
                RawHttp.Reply reply = client.readReply();
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body()).startsWith("{\"data\":{\"__typename\":\"Query\"}");
            }
        }
    }

    /** Sends the text one byte every {@link #TRICKLE_INTERVAL_MS} until it is sent or the server closes. */
    private Future<?> trickle(RawHttp client, String text) {
        return trickler.submit(() -> {
            try {
                for (int i = 0; i < text.length(); i++) {
                    client.send(text.substring(i, i + 1));
                    Thread.sleep(TRICKLE_INTERVAL_MS);
                }
            } catch (IOException | InterruptedException e) {
                // The server closed the connection (what the test waits for), or the test is over.
            }
            return null;
        });
    }
}
