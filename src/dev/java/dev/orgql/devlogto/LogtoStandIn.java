package dev.orgql.devlogto;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An embedded, in-memory imitation of a Logto server for dev mode and end-to-end tests: the Management
 * API under {@code /api} (behaviour from /work/shared/logto/management-api.md and real recordings) and the
 * OIDC endpoints the gateway needs. Listens on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (LogtoStandIn logto = LogtoStandIn.start(StandInOptions.defaults("my-m2m-app", "secret"))) {
 *     String endpoint = logto.baseUrl();              // what the gateway calls logto.endpoint
 *     String token = logto.tokens().organizationToken(SampleData.ADMIN_USER_ID, SampleData.ACME_ORG_ID);
 * }
 * }</pre>
 *
 * Where to find a route: {@code OrganizationRoutes}, {@code OrganizationUserRoutes},
 * {@code OrganizationApplicationRoutes}, {@code OrganizationRoleRoutes}, {@code OrganizationScopeRoutes},
 * {@code InvitationRoutes}, {@code UserRoutes}, {@code ApplicationRoutes}, {@code OidcRoutes}, {@code StatusRoutes}, {@code JitRoutes}.
 */
public final class LogtoStandIn implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogtoStandIn.class.getName());

    static {
        // Logto (Node) closes an idle keep-alive connection 6.0 s after the last response (recordings README,
        // case 56), while the JDK server keeps it 30 s. The JDK reads these two settings once per JVM, when the
        // first HttpServer starts (sun.net.httpserver.ServerConfig), so they cannot be set per stand-in: they are
        // set here, for the whole JVM, unless someone set them already. Nothing else in orgql uses the JDK server.
        // clockTick is how often idle connections are checked: 1 s, so they close 6 to 7 s after the response.
        if (System.getProperty("sun.net.httpserver.idleInterval") == null) {
            System.setProperty("sun.net.httpserver.idleInterval", "6");
        }
        if (System.getProperty("sun.net.httpserver.clockTick") == null) {
            System.setProperty("sun.net.httpserver.clockTick", "1000");
        }
    }

    private final StandInOptions options;
    private final StandInData data;
    private final TokenSigner signer;
    private final DevTokens tokens;
    private final Router router = new Router();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;

    private LogtoStandIn(StandInOptions options) throws IOException {
        this.options = options;
        this.data = new StandInData(options, System::currentTimeMillis);
        this.signer = new TokenSigner(new Ids(options.seed() + 1), System::currentTimeMillis, options.tokenTtl());
        this.tokens = new DevTokens(signer, data, options.devSpaAppId());

        if (options.sampleData()) SampleData.seed(data, options);
        if (options.m2mAppId() != null) {
            data.createApplication(
                    options.m2mAppId(),
                    "orgql gateway",
                    "Machine-to-machine app of the orgql gateway",
                    Application.MACHINE_TO_MACHINE,
                    options.m2mAppSecret(),
                    true);
        }

        Views views = new Views(data, options.flavor());
        new OrganizationRoutes(data, views).register(router);
        new OrganizationUserRoutes(data, views, options.flavor()).register(router);
        new OrganizationApplicationRoutes(data, views).register(router);
        new OrganizationRoleRoutes(data, views).register(router);
        new OrganizationScopeRoutes(data, views).register(router);
        new InvitationRoutes(data, views).register(router);
        new UserRoutes(data, views).register(router);
        new ApplicationRoutes(data, views).register(router);
        new OidcRoutes(data, signer, options).register(router);
        new StatusRoutes().register(router);
        new JitRoutes(data, views).register(router);

        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "logto-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        signer.issuer(baseUrl + "/oidc");
    }

    /** Creates, seeds and starts a stand-in. */
    public static LogtoStandIn start(StandInOptions options) {
        try {
            LogtoStandIn standIn = new LogtoStandIn(options);
            standIn.server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Logto stand-in on port " + options.port(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the Logto endpoint. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }
    /** {@code {baseUrl}/oidc}. */
    public String issuer() {
        return signer.issuer();
    }
    /** The audience of Management API tokens, {@code https://default.logto.app/api}. */
    public String managementResource() {
        return TokenSigner.MANAGEMENT_RESOURCE;
    }

    public StandInOptions options() {
        return options;
    }

    public StandInData data() {
        return data;
    }

    public DevTokens tokens() {
        return tokens;
    }
    /** Invitation emails sent so far, oldest first. */
    public List<SentMessage> sentMessages() {
        return data.sentMessages();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Response response;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.isEmpty() ? "" : v.get(0)));
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    body,
                    baseUrl);
            response = dispatch(request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stand-in request failed", e);
            response = Response.json(500, Json.object().put("message", "Internal server error."));
        }
        write(exchange, response);
    }

    private Response dispatch(Request request) {
        try {
            // One request at a time against the data: simple, and plenty for dev mode and tests.
            synchronized (data) {
                if (!StatusRoutes.isAnonymous(request.path)
                        && (request.path.equals("/api") || request.path.startsWith("/api/"))) {
                    authenticate(request);
                }
                Optional<Router.Handler> handler = router.match(request);
                if (handler.isEmpty()) return Response.text(404, "Not Found");
                // PostgreSQL refuses a NUL in text ("invalid byte sequence") and in jsonb ("unsupported Unicode
                // escape sequence"); Logto does not check first, so the query fails and Logto answers 500 (recordings
                // 46: q=a%00b, 47: an id a%00b). Bodies are inferred from the same rule, not recorded.
                if (request.containsNul()) throw ApiError.internal();
                return handler.get().handle(request);
            }
        } catch (ApiError e) {
            return Response.json(e.status(), e.toBody());
        } catch (OAuthError e) {
            return e.toResponse();
        }
    }

    private void authenticate(Request request) {
        String authorization = request.header("authorization");
        if (authorization == null || authorization.isEmpty()) {
            throw new ApiError(401, "auth.authorization_header_missing", "Authorization header is missing.");
        }
        if (!authorization.startsWith("Bearer ")) {
            throw new ApiError(
                    401,
                    "auth.authorization_token_type_not_supported",
                    "Authorization type is not supported.",
                    Json.object().set("supportedTypes", Json.array().add("Bearer")),
                    null);
        }
        signer.verifyManagementToken(authorization.substring("Bearer ".length()).trim());
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        if (response.contentType() != null) headers.set("Content-Type", response.contentType());
        response.headers().forEach(headers::set);
        // What Node's http server announces on a persistent connection (recording 56, both versions). The JDK
        // server keeps HTTP/1.1 connections open unless the client asks to close, so the announcement is true.
        String connection = exchange.getRequestHeaders().getFirst("Connection");
        if (connection == null || !connection.toLowerCase(java.util.Locale.ROOT).contains("close")) {
            headers.set("Connection", "keep-alive");
            headers.set("Keep-Alive", "timeout=5");
        }
        boolean empty = response.status() == 204 || response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        exchange.close();
    }
}
