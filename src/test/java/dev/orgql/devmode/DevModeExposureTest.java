package dev.orgql.devmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Dev mode hands out admin tokens at /dev/tokens.json, so it listens on loopback only unless told
 * otherwise ({@code ORGQL_DEV_HOST}); it keeps the conveniences production leaves off: localhost CORS
 * and GraphiQL.
 */
class DevModeExposureTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, Object> dev(Map<String, Object> extra) throws IOException {
        int logtoPort;
        try (ServerSocket s = new ServerSocket(0)) {
            logtoPort = s.getLocalPort();
        }
        Map<String, Object> properties = new HashMap<>(Map.of(
                "orgql.dev.logto-port", logtoPort, "micronaut.server.port", -1, "micronaut.security.enabled", false));
        properties.putAll(extra);
        return properties;
    }

    /** An address of this machine other than loopback (a container's eth0), if it has one. */
    private static Optional<InetAddress> outsideAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    @Test
    void devModeListensOnLoopbackOnlyAndKeepsItsConveniences() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, dev(Map.of()), "dev")) {
            assertThat(server.getApplicationContext().getProperty("micronaut.server.host", String.class))
                    .contains("127.0.0.1");
            connect(InetAddress.getLoopbackAddress(), server.getPort());
            // On a machine with another interface (a container's eth0), the port is closed there.
            Optional<InetAddress> outside = outsideAddress();
            if (outside.isPresent()) {
                assertThatThrownBy(() -> connect(outside.get(), server.getPort()))
                        .isInstanceOf(ConnectException.class);
            }

            String base = "http://127.0.0.1:" + server.getPort();
            HttpResponse<String> tokens = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/dev/tokens.json"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tokens.statusCode()).isEqualTo(200);
            assertThat(tokens.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(tokens.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(URI.create(base + "/graphiql"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);

            HttpResponse<String> preflight = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/graphql"))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .header("Origin", "http://localhost:5173")
                            .header("Access-Control-Request-Method", "POST")
                            .header("Access-Control-Request-Headers", "authorization,content-type")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("http://localhost:5173");
        }
    }

    @Test
    void devModeListensEverywhereWhenTold() throws Exception {
        Optional<InetAddress> outside = outsideAddress();
        Assumptions.assumeTrue(outside.isPresent(), "needs a network interface besides loopback");
        try (EmbeddedServer server =
                ApplicationContext.run(EmbeddedServer.class, dev(Map.of("orgql.dev.host", "0.0.0.0")), "dev")) {
            connect(outside.get(), server.getPort());
        }
    }
}
