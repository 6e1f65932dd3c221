package dev.orgql.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The kustomize base under {@code deploy/kubernetes}, read as Kubernetes reads it (no validator runs
 * offline here): what ties it to the gateway is checked against the gateway itself. The probes' paths
 * answer 200 on this build, every ConfigMap key is a setting the gateway reads, the grace periods fit,
 * and the pod runs as the image's non-root user on a read-only root.
 */
@MicronautTest
class KubernetesManifestsTest extends GatewayTest {
    private static final Path BASE = Path.of("deploy/kubernetes");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Map<String, Map<String, Object>> BY_KIND = new HashMap<>();
    private static Map<String, Object> kustomization;

    @BeforeAll
    static void read() throws IOException {
        kustomization = load(BASE.resolve("kustomization.yaml"));
        for (Object resource : list(kustomization, "resources")) {
            Map<String, Object> manifest = load(BASE.resolve((String) resource));
            assertThat(manifest).as(resource.toString()).containsKeys("apiVersion", "kind", "metadata");
            BY_KIND.put((String) manifest.get("kind"), manifest);
        }
    }

    @Test
    void theBaseHoldsEveryPieceAndEveryFileIsInIt() throws IOException {
        assertThat(BY_KIND)
                .containsOnlyKeys(
                        "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget");
        assertThat(str(BY_KIND.get("HorizontalPodAutoscaler"), "apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(str(BY_KIND.get("PodDisruptionBudget"), "apiVersion")).isEqualTo("policy/v1");
        assertThat(str(BY_KIND.get("Deployment"), "apiVersion")).isEqualTo("apps/v1");
        try (Stream<Path> files = Files.list(BASE)) {
            List<String> yaml = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .filter(n -> !n.endsWith(".example.yaml"))
                    .toList();
            assertThat(list(kustomization, "resources")).containsExactlyInAnyOrderElementsOf(List.copyOf(yaml));
        }
    }

    @Test
    void probesAskTheGatewaysHealthEndpointsOnItsPort() {
        stubReadinessProbe();
        Map<String, Object> container = container();
        Map<String, Object> port = maps(container, "ports").get(0);
        assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080);
        Map<String, String> paths = new HashMap<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> httpGet = map(map(container, probe), "httpGet");
            assertThat(httpGet.get("port")).as(probe).isEqualTo("http");
            paths.put(probe, str(httpGet, "path"));
        }
        assertThat(paths)
                .containsEntry("livenessProbe", "/health/liveness")
                .containsEntry("readinessProbe", "/health/readiness");
        for (Map.Entry<String, String> probe : paths.entrySet()) {
            assertThat(get(probe.getValue())).as(probe.getKey()).isEqualTo(200);
        }
    }

    @Test
    void everyConfigMapKeyIsASettingTheGatewayReadsAndNoneIsTheSecret() throws IOException {
        String settings = Files.readString(Path.of("src/main/resources/application.yml"))
                + Files.readString(Path.of("src/main/resources/logback.xml"));
        Map<String, Object> data = map(BY_KIND.get("ConfigMap"), "data");
        assertThat(data).containsKeys("LOGTO_ENDPOINT", "LOGTO_M2M_APP_ID", "ORGQL_API_RESOURCE");
        for (String key : data.keySet()) {
            assertThat(settings).as(key).containsPattern("\\$\\{" + Pattern.quote(key) + "[:}]");
            assertThat(key).doesNotContain("SECRET");
        }
        Map<String, Object> secret = load(BASE.resolve("secret.example.yaml"));
        assertThat(map(secret, "stringData")).containsOnlyKeys("LOGTO_M2M_APP_SECRET");
        assertThat(settings).contains("${LOGTO_M2M_APP_SECRET:");

        List<Map<String, Object>> envFrom = maps(container(), "envFrom");
        assertThat(envFrom)
                .anySatisfy(source -> assertThat(map(source, "configMapRef").get("name"))
                        .isEqualTo(str(map(BY_KIND.get("ConfigMap"), "metadata"), "name")))
                .anySatisfy(source -> assertThat(map(source, "secretRef").get("name"))
                        .isEqualTo(str(map(secret, "metadata"), "name")));
    }

    @Test
    void thePodOutlastsTheGatewaysShutdownGrace() throws IOException {
        Map<String, Object> pod = podSpec();
        int termination = (Integer) pod.get("terminationGracePeriodSeconds");
        List<Object> sleep = list(map(map(map(container(), "lifecycle"), "preStop"), "exec"), "command");
        assertThat(sleep.get(0)).isEqualTo("sleep");
        int preStop = Integer.parseInt((String) sleep.get(1));
        String configured = (String) map(BY_KIND.get("ConfigMap"), "data").get("ORGQL_SHUTDOWN_GRACE");
        Matcher fallback = Pattern.compile("\\$\\{ORGQL_SHUTDOWN_GRACE:(\\d+)s}")
                .matcher(Files.readString(Path.of("src/main/resources/application.yml")));
        assertThat(fallback.find()).isTrue();
        int grace = Integer.parseInt(configured != null ? configured.replace("s", "") : fallback.group(1));
        assertThat(termination).isGreaterThan(preStop + grace);
    }

    @Test
    void runsAsTheImagesNonRootUserOnAReadOnlyRoot() {
        Map<String, Object> pod = map(podSpec(), "securityContext");
        assertThat(pod).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 65532);
        assertThat(podSpec()).containsEntry("automountServiceAccountToken", false);
        Map<String, Object> container = map(container(), "securityContext");
        assertThat(container)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(list(map(container, "capabilities"), "drop")).containsExactly("ALL");
        // The JVM's one writable place.
        assertThat(maps(container(), "volumeMounts"))
                .anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/tmp"));
    }

    @Test
    void resourcesAreSetAndMemoryIsNotOvercommitted() {
        Map<String, Object> resources = map(container(), "resources");
        Map<String, Object> requests = map(resources, "requests");
        Map<String, Object> limits = map(resources, "limits");
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKeys("cpu", "memory");
        // A memory request below the limit lets the node overcommit, and the JVM sizes its heap from the limit.
        assertThat(limits.get("memory")).isEqualTo(requests.get("memory"));
    }

    @Test
    void serviceAutoscalerAndBudgetPointAtThePods() {
        Map<String, Object> deployment = BY_KIND.get("Deployment");
        Map<String, Object> podLabels = map(map(map(map(deployment, "spec"), "template"), "metadata"), "labels");
        assertThat(map(map(map(deployment, "spec"), "selector"), "matchLabels")).isEqualTo(podLabels);
        assertThat(map(deployment, "spec")).doesNotContainKey("replicas");

        Map<String, Object> service = map(BY_KIND.get("Service"), "spec");
        assertThat(map(service, "selector")).isEqualTo(podLabels);
        assertThat(maps(service, "ports").get(0)).containsEntry("targetPort", "http");

        Map<String, Object> hpa = map(BY_KIND.get("HorizontalPodAutoscaler"), "spec");
        assertThat(map(hpa, "scaleTargetRef"))
                .containsEntry("kind", "Deployment")
                .containsEntry("name", str(map(deployment, "metadata"), "name"));
        assertThat((Integer) hpa.get("minReplicas")).isGreaterThanOrEqualTo(2);

        Map<String, Object> pdb = map(BY_KIND.get("PodDisruptionBudget"), "spec");
        assertThat(map(map(pdb, "selector"), "matchLabels")).isEqualTo(podLabels);
        // With two replicas, one may go at a time and one still serves.
        assertThat(pdb).containsEntry("maxUnavailable", 1);
    }

    @Test
    void theImageIsTheOneJibBuilds() throws IOException {
        String image = str(container(), "image");
        List<Map<String, Object>> images = maps(kustomization, "images");
        assertThat(images).singleElement().satisfies(entry -> assertThat(entry).containsEntry("name", image));
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<jib.target-image>" + image + ":${project.version}</jib.target-image>");
        assertThat(Set.of(images.get(0).get("newTag"))).doesNotContain("latest");
    }

    private int get(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(server.getURL() + path))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logto's answer to readiness' probe of an organization id that does not exist. */
    private static void stubReadinessProbe() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/orgql-readiness-probe"))
                .willReturn(LogtoMock.json(
                        404,
                        Fixtures.recordedBody("24-get-organization-not-found.json")
                                .toString())));
    }

    private static Map<String, Object> podSpec() {
        return map(map(map(BY_KIND.get("Deployment"), "spec"), "template"), "spec");
    }

    private static Map<String, Object> container() {
        List<Map<String, Object>> containers = maps(podSpec(), "containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
        return new ArrayList<>((List<Map<String, Object>>) parent.getOrDefault(key, List.of()));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        return (List<Object>) parent.getOrDefault(key, List.of());
    }

    private static String str(Map<String, Object> parent, String key) {
        return (String) parent.get(key);
    }
}
