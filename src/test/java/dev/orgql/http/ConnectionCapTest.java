package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.GatewayTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At {@code orgql.server.max-connections} open connections, one more is closed at once, unanswered,
 * while the open ones keep working; when one of them ends, a new connection is accepted again.
 */
@MicronautTest
class ConnectionCapTest extends GatewayTest {
    private static final int CAP = 3;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.server.max-connections", Integer.toString(CAP));
    }

    @Test
    void aConnectionOverTheCapIsClosedAndTheOthersStillWork() throws Exception {
        List<RawHttp> open = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                RawHttp client = RawHttp.open(server.getURL());
                open.add(client);
                assertThat(client.get("/health/liveness").status()).isEqualTo(200);
            }
            try (RawHttp oneTooMany = RawHttp.open(server.getURL())) {
                assertThat(oneTooMany.awaitClosed()).as("closed, unanswered").isEmpty();
            }
            for (RawHttp client : open) {
                assertThat(client.get("/health/liveness").status()).isEqualTo(200);
            }

            open.remove(0).close();
            assertThat(acceptedAgain())
                    .as("a new connection works once one has ended")
                    .isTrue();
        } finally {
            for (RawHttp client : open) {
                client.close();
            }
        }
    }

    /**
     * The server learns of the closed connection a moment after the client closes it: new connections
     * are tried until one is answered, boundedly.
     */
    private boolean acceptedAgain() throws InterruptedException, IOException {
        for (int attempt = 0; attempt < 400; attempt++) {
            try (RawHttp client = RawHttp.open(server.getURL())) {
                if (client.get("/health/liveness").status() == 200) {
                    return true;
                }
            } catch (IOException refused) {
                // Still at the cap.
            }
            Thread.sleep(50);
        }
        return false;
    }
}
