package dev.orgql.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.devlogto.SampleData;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * GraphiQL in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}
 * packages, see {@code .ci/install-browser.sh}) opens {@code /graphiql?token=...} served by the gateway in
 * dev mode, runs the default query and must show sample data in the result pane, while every host but
 * loopback is unresolvable and the network log shows no request leaving the machine; the Docs panel and
 * autocompletion work from GraphiQL's own introspection. Without a browser this
 * test fails; it does not skip. The screenshot is kept as {@code target/screenshots/graphiql.png}.
 */
@MicronautTest(environments = "dev")
class GraphiqlBrowserTest extends DevModeE2E {
    static final Path CHROMIUM = Path.of(System.getProperty("orgql.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("orgql.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOT = Path.of("target", "screenshots", "graphiql.png");
    private static final Set<String> NETWORK_SCHEMES = Set.of("http", "https", "ws", "wss");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Test
    void pageAndAssetsComeFromTheGatewayOnly() {
        HttpResponse<String> page = get("/graphiql");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp ->
                        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
        assertThat(page.body()).doesNotContain("http://", "https://", "//cdn", "unpkg", "jsdelivr");
        for (String asset : List.of(
                "graphiql.min.js",
                "graphiql.min.css",
                "react.production.min.js",
                "react-dom.production.min.js",
                "orgql-graphiql.js")) {
            assertThat(page.body()).contains("/graphiql/assets/" + asset);
            HttpResponse<String> response = get("/graphiql/assets/" + asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotEmpty();
        }
        assertThat(get("/graphiql/assets/react.development.js").statusCode()).isEqualTo(404);
        assertThat(get("/graphiql/assets/..%2Fapplication.yml").statusCode()).isEqualTo(404);
    }

    @Test
    void runsAQueryWithTheTokenFromTheAddressAndStaysOnLoopback() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("No browser for the GraphiQL test: need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ". Install them with .ci/install-browser.sh (Debian packages chromium and chromium-driver).");
        }
        String token = devTokens(SampleData.ADMIN_USER_ID).path("userToken").asText();
        assertThat(token).isNotBlank();

        Path profile = Files.createTempDirectory("orgql-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,900",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();

        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(server.getURL() + "/graphiql?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".graphiql-execute-button")));

            // The headers editor holds the token from the address; the query editor the default query.
            List<String> editors = editorValues(driver);
            assertThat(editors)
                    .anySatisfy(value -> assertThat(value).contains("\"Authorization\": \"Bearer " + token + "\""));
            assertThat(editors).anySatisfy(value -> assertThat(value).contains("query ViewerOrganizations"));

            driver.findElement(By.cssSelector(".graphiql-execute-button")).click();
            wait.until(d -> responseText(d).contains("Acme Corp"));
            String response = responseText(driver);
            assertThat(response).contains("\"Acme Corp\"", "\"ada@example.com\"", "\"totalCount\": 55");
            assertThat(response).doesNotContain("\"errors\"");

            Files.createDirectories(SCREENSHOT.getParent());
            Files.copy(
                    driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

            // The schema GraphiQL introspected (its own introspection query, 13 levels deep, sent without
            // the token) feeds the Docs panel...
            driver.findElement(By.cssSelector("button[aria-label='Show Documentation Explorer']"))
                    .click();
            wait.until(d -> typeLinks(d).contains("Organization"));
            assertThat(typeLinks(driver)).contains("Organization", "Member", "Role", "Invitation");

            // ...and autocompletion: typing a field's first letters inside `viewer { }` offers it.
            ((JavascriptExecutor) driver)
                    .executeScript(
                            "const cm = document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror;"
                                    + "cm.setValue('{\\n  viewer {\\n    \\n  }\\n}'); cm.focus(); cm.setCursor({line: 2, ch: 4});");
            driver.findElement(By.cssSelector(".graphiql-query-editor .CodeMirror textarea"))
                    .sendKeys("us");
            wait.until(d -> hints(d).contains("user"));
            assertThat(hints(driver)).contains("user");

            List<String> urls = requestedUrls(driver);
            assertThat(urls)
                    .as("the network log saw the page's own requests")
                    .anySatisfy(url -> assertThat(url).endsWith("/graphiql/assets/graphiql.min.js"))
                    .anySatisfy(url -> assertThat(url).endsWith("/graphql"));
            // Every request that could leave the machine (http, https, ws, wss) goes to loopback. Other schemes
            // never touch the network: data: URLs (GraphiQL's fonts), and the browser's own chrome:// pages.
            assertThat(urls).as("requests to hosts other than loopback").allSatisfy(url -> {
                String scheme = URI.create(url).getScheme();
                if (NETWORK_SCHEMES.contains(scheme)) {
                    assertThat(URI.create(url).getHost()).as(url).isIn(LOOPBACK);
                } else {
                    assertThat(scheme).as(url).isIn("data", "blob", "about", "chrome");
                }
            });
        } finally {
            driver.quit();
            deleteQuietly(profile);
        }
    }

    /** The text of every CodeMirror editor on the page (query, variables, headers, result). */
    @SuppressWarnings("unchecked")
    private static List<String> editorValues(ChromeDriver driver) {
        return (List<String>)
                ((JavascriptExecutor) driver)
                        .executeScript(
                                "return Array.from(document.querySelectorAll('.CodeMirror')).map(e => e.CodeMirror.getValue());");
    }

    /** The type names the Docs panel lists. */
    private static List<String> typeLinks(org.openqa.selenium.WebDriver driver) {
        return driver.findElements(By.cssSelector(".graphiql-doc-explorer a.graphiql-doc-explorer-type-name")).stream()
                .map(element -> element.getText().trim())
                .toList();
    }

    /** The entries of the open autocompletion list. */
    private static List<String> hints(org.openqa.selenium.WebDriver driver) {
        return driver.findElements(By.cssSelector(".CodeMirror-hints .CodeMirror-hint")).stream()
                .map(element -> element.getText().trim())
                .toList();
    }

    private static String responseText(org.openqa.selenium.WebDriver driver) {
        Object value = ((JavascriptExecutor) driver)
                .executeScript(
                        "const e = document.querySelector('.graphiql-response .CodeMirror'); return e ? e.CodeMirror.getValue() : '';");
        return value == null ? "" : value.toString();
    }

    /** Every URL the page asked for, from Chrome's performance (DevTools network) log. */
    private static List<String> requestedUrls(ChromeDriver driver) throws IOException {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asText();
            if ("Network.requestWillBeSent".equals(method)) {
                urls.add(message.path("params").path("request").path("url").asText());
            } else if ("Network.webSocketCreated".equals(method)) {
                urls.add(message.path("params").path("url").asText());
            }
        }
        return urls;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
