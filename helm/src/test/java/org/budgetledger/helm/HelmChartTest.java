package org.budgetledger.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart budget-ledger/, linted and rendered by the Helm that helm-java embeds (no helm binary, no cluster): what
 * matters for running it in production is asserted on the rendered objects.
 */
class HelmChartTest {

    static final Path CHART = Paths.get("budget-ledger");
    static final Path PRODUCTION = CHART.resolve("values-production.yaml");
    /** helm-java's embedded Helm assumes Kubernetes 1.20 unless told; the chart needs 1.23+ (autoscaling/v2). */
    static final String KUBE_VERSION = "1.31.0";
    static final String NAMESPACE = "budget-ledger";
    static final String MONGO_SECRET = "budget-ledger-mongodb";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The only variables that may come from a Secret, and the only place a secret may come from. */
    static final Set<String> SECRET_ENV = Set.of("MONGODB_URI",
            "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG",
            "SPRING_KAFKA_SECURITY_PROTOCOL", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
    static final Pattern SECRET_LIKE_NAME = Pattern.compile("(?i).*(URI|PASSWORD|PASSWD|SECRET|JAAS|TOKEN|CREDENTIAL|_KEY).*");
    static final Pattern SECRET_LIKE_VALUE = Pattern.compile("(?i).*(mongodb(\\+srv)?://|password\\s*=|LoginModule).*");

    // ---------------------------------------------------------------------------------------------------- lint

    @Test
    void lintPasses() {
        LintResult result = new Helm(CHART).lint().call();

        assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintPassesStrict() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------- defaults

    @Test
    void defaultsRenderTheTwoServicesWithProbesResourcesAndNonRootPods() {
        Rendered r = render(Map.of("mongodb.existingSecret", MONGO_SECRET));

        assertThat(r.kinds()).containsExactlyInAnyOrder("ServiceAccount",
                "ConfigMap", "ConfigMap", "Service", "Service", "Deployment", "Deployment",
                "PodDisruptionBudget", "PodDisruptionBudget", "NetworkPolicy", "NetworkPolicy");
        for (String component : List.of("ledger", "projection")) {
            JsonNode deployment = r.one("Deployment", "budget-ledger-" + component);
            assertProductionReadyPod(deployment);
            assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        }
        assertThat(r.all("HorizontalPodAutoscaler")).isEmpty();
        assertThat(r.all("ServiceMonitor")).isEmpty();
        assertThat(r.all("PrometheusRule")).isEmpty();
    }

    @Test
    void portsAndConfigFollowTheServicesSettings() {
        Rendered r = render(Map.of("mongodb.existingSecret", MONGO_SECRET));

        JsonNode ledgerConfig = r.one("ConfigMap", "budget-ledger-ledger").get("data");
        JsonNode projectionConfig = r.one("ConfigMap", "budget-ledger-projection").get("data");
        assertThat(ledgerConfig.get("SERVER_PORT").asText()).isEqualTo("8081");
        assertThat(projectionConfig.get("SERVER_PORT").asText()).isEqualTo("8082");
        for (JsonNode config : List.of(ledgerConfig, projectionConfig)) {
            assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(config.get("LEDGER_EVENTS_TOPIC").asText()).isEqualTo("ledger.events");
            assertThat(config.get("LEDGER_TOPIC_PARTITIONS").asText()).isEqualTo("6");
        }
        assertThat(ledgerConfig.get("LEDGER_POSTINGS_TOPIC").asText()).isEqualTo("ledger.postings");
        assertThat(ledgerConfig.get("LEDGER_DLQ_TOPIC").asText()).isEqualTo("ledger.postings.dlq");

        for (String component : List.of("ledger", "projection")) {
            JsonNode container = container(r.one("Deployment", "budget-ledger-" + component));
            JsonNode config = r.one("ConfigMap", "budget-ledger-" + component).get("data");
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asText()).isEqualTo(config.get("SERVER_PORT").asText());
            assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("budget-ledger-" + component);
            JsonNode service = r.one("Service", "budget-ledger-" + component);
            assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            assertThat(service.at("/spec/selector")).isEqualTo(
                    r.one("Deployment", "budget-ledger-" + component).at("/spec/selector/matchLabels"));
        }
        // the projection reaches this release's ledger Service at its port
        JsonNode ledgerService = r.one("Service", "budget-ledger-ledger");
        assertThat(projectionConfig.get("LEDGER_SERVICE_URL").asText())
                .isEqualTo("http://budget-ledger-ledger:" + ledgerService.at("/spec/ports/0/port").asInt());
    }

    @Test
    void ledgerServiceUrlFollowsTheReleaseName() {
        Rendered r = render("acme", Map.of("mongodb.existingSecret", MONGO_SECRET), null);

        assertThat(r.one("Service", "acme-budget-ledger-ledger")).isNotNull();
        assertThat(r.one("ConfigMap", "acme-budget-ledger-projection").at("/data/LEDGER_SERVICE_URL").asText())
                .isEqualTo("http://acme-budget-ledger-ledger:8081");
    }

    // ---------------------------------------------------------------------------------------------------- production

    @Test
    void productionValuesScaleAndMonitor() {
        Rendered r = render(Map.of(), PRODUCTION);

        for (String component : List.of("ledger", "projection")) {
            String name = "budget-ledger-" + component;
            JsonNode deployment = r.one("Deployment", name);
            assertProductionReadyPod(deployment);
            // the autoscaler owns the replica count
            assertThat(deployment.at("/spec/replicas").isMissingNode()).isTrue();
            JsonNode hpa = r.one("HorizontalPodAutoscaler", name);
            assertThat(hpa.get("apiVersion").asText()).isEqualTo("autoscaling/v2");
            assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(name);
            assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
            assertThat(hpa.at("/spec/maxReplicas").asInt()).isGreaterThan(3);
            JsonNode pdb = r.one("PodDisruptionBudget", name);
            assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(2);
            assertThat(pdb.at("/spec/maxUnavailable").isMissingNode()).isTrue();
            assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
            assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints/0/topologyKey").asText())
                    .isEqualTo("kubernetes.io/hostname");
            assertThat(container(deployment).at("/resources/requests/memory").asText())
                    .isEqualTo(container(deployment).at("/resources/limits/memory").asText());
            // SASL settings from the existing Kafka Secret
            Map<String, JsonNode> env = env(container(deployment));
            assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("budget-ledger-kafka");
            assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
            assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/key").asText())
                    .isEqualTo("sasl-jaas-config");
            assertThat(env.get("MONGODB_URI").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(MONGO_SECRET);
        }
        JsonNode monitor = r.one("ServiceMonitor", "budget-ledger");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1instance").asText()).isEqualTo("budget-ledger");

        Map<String, String> alerts = alerts(r.one("PrometheusRule", "budget-ledger"));
        assertThat(alerts).containsKeys("BudgetLedgerKafkaConsumerLagHigh", "BudgetLedgerProjectionLagHigh",
                "BudgetLedgerDlqGrowing", "BudgetLedgerRejectedPostingsHigh", "BudgetLedgerServiceDown");
        assertThat(alerts.get("BudgetLedgerKafkaConsumerLagHigh")).contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(alerts.get("BudgetLedgerProjectionLagHigh")).contains("projection_lag_seconds{").contains("quantile=\"0.99\"");
        assertThat(alerts.get("BudgetLedgerDlqGrowing"))
                .contains("ledger_postings_total{").contains("channel=\"kafka\"").contains("outcome=~\"rejected|conflict\"");
        assertThat(alerts.get("BudgetLedgerRejectedPostingsHigh"))
                .contains("outcome=\"rejected\"").contains(" / ").contains("> 0.05");
        // every alert is scoped to this release's scrape targets (job = the Service's name)
        assertThat(alerts.values()).allMatch(expr -> expr.contains("namespace=\"" + NAMESPACE + "\""));
        assertThat(alerts.get("BudgetLedgerProjectionLagHigh")).contains("job=\"budget-ledger-projection\"");
        assertThat(alerts.get("BudgetLedgerDlqGrowing")).contains("job=\"budget-ledger-ledger\"");

        // ingress from the configured namespaces, and projection -> ledger
        JsonNode ledgerPolicy = r.one("NetworkPolicy", "budget-ledger-ledger");
        assertThat(ledgerPolicy.at("/spec/ingress").toString())
                .contains("payments").contains("ingress-nginx").contains("monitoring")
                .contains("\"app.kubernetes.io/component\":\"projection\"");
    }

    @Test
    void monitoringObjectsOnlyWhenEnabled() {
        Rendered monitorOnly = render(Map.of("mongodb.existingSecret", MONGO_SECRET, "metrics.serviceMonitor.enabled", "true"));
        assertThat(monitorOnly.all("ServiceMonitor")).hasSize(1);
        assertThat(monitorOnly.all("PrometheusRule")).isEmpty();

        Rendered rulesOnly = render(Map.of("mongodb.existingSecret", MONGO_SECRET, "metrics.prometheusRule.enabled", "true"));
        assertThat(rulesOnly.all("ServiceMonitor")).isEmpty();
        assertThat(rulesOnly.all("PrometheusRule")).hasSize(1);

        Rendered production = render(Map.of("metrics.serviceMonitor.enabled", "false", "metrics.prometheusRule.enabled", "false"), PRODUCTION);
        assertThat(production.all("ServiceMonitor")).isEmpty();
        assertThat(production.all("PrometheusRule")).isEmpty();
    }

    @Test
    void autoscalerAndDisruptionBudgetPerService() {
        Rendered r = render(Map.of("mongodb.existingSecret", MONGO_SECRET,
                "ledger.autoscaling.enabled", "true", "projection.replicaCount", "2",
                "projection.pdb.enabled", "false", "ledger.pdb.minAvailable", "50%"));

        assertThat(r.all("HorizontalPodAutoscaler")).extracting(o -> o.at("/metadata/name").asText())
                .containsExactly("budget-ledger-ledger");
        assertThat(r.one("Deployment", "budget-ledger-ledger").at("/spec/replicas").isMissingNode()).isTrue();
        assertThat(r.one("Deployment", "budget-ledger-projection").at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(r.all("PodDisruptionBudget")).extracting(o -> o.at("/metadata/name").asText())
                .containsExactly("budget-ledger-ledger");
        assertThat(r.one("PodDisruptionBudget", "budget-ledger-ledger").at("/spec/minAvailable").asText()).isEqualTo("50%");

        Rendered noPolicy = render(Map.of("mongodb.existingSecret", MONGO_SECRET, "networkPolicy.enabled", "false"));
        assertThat(noPolicy.all("NetworkPolicy")).isEmpty();
    }

    @Test
    void networkPolicyAdmitsOnlyTheServicesPortsAndProjectionToLedger() {
        Rendered r = render(Map.of("mongodb.existingSecret", MONGO_SECRET));

        for (String component : List.of("ledger", "projection")) {
            JsonNode policy = r.one("NetworkPolicy", "budget-ledger-" + component);
            assertThat(policy.at("/spec/podSelector/matchLabels"))
                    .isEqualTo(r.one("Deployment", "budget-ledger-" + component).at("/spec/selector/matchLabels"));
            assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress");
            for (JsonNode rule : policy.at("/spec/ingress")) {
                assertThat(rule.at("/ports").size()).isEqualTo(1);
                assertThat(rule.at("/ports/0/port").asText()).isEqualTo("http");
            }
        }
        JsonNode fromProjection = r.one("NetworkPolicy", "budget-ledger-ledger").at("/spec/ingress/0/from/0/podSelector/matchLabels");
        assertThat(fromProjection).isEqualTo(r.one("Deployment", "budget-ledger-projection").at("/spec/selector/matchLabels"));
    }

    // ---------------------------------------------------------------------------------------------------- secrets

    @Test
    void noPlainTextSecretIsRendered() {
        for (Rendered r : List.of(
                render(Map.of("mongodb.existingSecret", MONGO_SECRET)),
                render(Map.of("mongodb.existingSecret", MONGO_SECRET, "kafka.existingSecret", "kafka-sasl")),
                render(Map.of(), PRODUCTION))) {
            assertThat(r.kinds()).doesNotContain("Secret");
            assertThat(r.text()).doesNotContainPattern("(?i)mongodb(\\+srv)?://").doesNotContainPattern("(?i)LoginModule");
            for (JsonNode deployment : r.all("Deployment")) {
                Map<String, JsonNode> env = env(container(deployment));
                assertThat(env).containsKey("MONGODB_URI");
                env.forEach((name, var) -> {
                    if (var.has("value")) {
                        assertThat(name).as("plain env %s", name).doesNotMatch(SECRET_LIKE_NAME);
                        assertThat(var.get("value").asText()).doesNotMatch(SECRET_LIKE_VALUE);
                    }
                    JsonNode secretRef = var.at("/valueFrom/secretKeyRef");
                    if (!secretRef.isMissingNode()) {
                        assertThat(SECRET_ENV).as("secret env %s", name).contains(name);
                    }
                });
                assertThat(env.get("MONGODB_URI").at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
                assertThat(container(deployment).at("/envFrom").toString()).doesNotContain("secretRef");
            }
            for (JsonNode config : r.all("ConfigMap")) {
                config.get("data").fields().forEachRemaining(e -> {
                    assertThat(e.getKey()).doesNotMatch(SECRET_LIKE_NAME);
                    assertThat(e.getValue().asText()).doesNotMatch(SECRET_LIKE_VALUE);
                });
            }
        }
    }

    @Test
    void kafkaSaslOnlyFromTheNamedSecret() {
        Rendered plain = render(Map.of("mongodb.existingSecret", MONGO_SECRET));
        Rendered sasl = render(Map.of("mongodb.existingSecret", MONGO_SECRET, "kafka.existingSecret", "kafka-sasl"));

        for (JsonNode deployment : plain.all("Deployment")) {
            assertThat(env(container(deployment)).keySet()).containsExactly("MONGODB_URI");
        }
        for (JsonNode deployment : sasl.all("Deployment")) {
            Map<String, JsonNode> env = env(container(deployment));
            assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(SECRET_ENV);
            env.forEach((name, var) -> {
                if (!name.equals("MONGODB_URI")) {
                    assertThat(var.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("kafka-sasl");
                    assertThat(var.at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
                }
            });
        }
    }

    @Test
    void valuesFilesHoldNoSecret() throws IOException {
        for (Path file : List.of(CHART.resolve("values.yaml"), PRODUCTION)) {
            List<String> leaves = new ArrayList<>();
            leaves(YAML.readTree(file.toFile()), "", leaves);
            assertThat(leaves).as(file.toString())
                    .noneMatch(l -> SECRET_LIKE_VALUE.matcher(l.substring(l.indexOf('=') + 1)).matches());
        }
    }

    @Test
    void renderingFailsClearlyWithoutAMongoDbSecret() {
        assertThatThrownBy(() -> render(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mongodb.existingSecret is required")
                .hasMessageContaining("MONGODB_URI");
        // one service's own Secret is not enough for the other
        assertThatThrownBy(() -> render(Map.of("mongodb.ledger.existingSecret", "ledger-mongo")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mongodb.existingSecret is required")
                .hasMessageContaining("projection-service");
        // each service its own Secret
        Rendered r = render(Map.of("mongodb.ledger.existingSecret", "ledger-mongo", "mongodb.projection.existingSecret", "projection-mongo"));
        assertThat(env(container(r.one("Deployment", "budget-ledger-ledger"))).get("MONGODB_URI")
                .at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("ledger-mongo");
        assertThat(env(container(r.one("Deployment", "budget-ledger-projection"))).get("MONGODB_URI")
                .at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("projection-mongo");
    }

    @Test
    void notesTellWhereTheServicesAndTheirSecretsAre() {
        Release release = new Helm(CHART).install().withName("budget-ledger").withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).dryRun().clientOnly().withValuesFile(PRODUCTION).call();

        assertThat(release.getOutput())
                .contains("http://budget-ledger-ledger." + NAMESPACE + ".svc:8081")
                .contains("http://budget-ledger-projection." + NAMESPACE + ".svc:8082")
                .contains("Secret " + MONGO_SECRET + ", key ledger-mongodb-uri")
                .contains("Secret budget-ledger-kafka")
                .contains("ServiceMonitor budget-ledger");
    }

    // ---------------------------------------------------------------------------------------------------- docs

    @Test
    void everyValueIsDocumentedInValuesYamlAndTheReadme() throws IOException {
        List<String> valuesLines = Files.readAllLines(CHART.resolve("values.yaml"));
        String readme = Files.readString(CHART.resolve("README.md"));
        Set<String> documented = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE).matcher(readme).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());

        List<String> paths = new ArrayList<>();
        keyPaths(YAML.readTree(CHART.resolve("values.yaml").toFile()), "", paths);
        for (String path : paths) {
            assertThat(prefixes(path)).as("values.yaml key %s in the README's values table", path).containsAnyElementsOf(documented);
        }
        Set<String> keys = paths.stream().flatMap(p -> prefixes(p).stream()).collect(Collectors.toSet());
        assertThat(documented).as("README rows that are no value").allMatch(keys::contains);

        // every key of values.yaml has a comment right above it, or belongs to a commented parent's example map
        for (int i = 0; i < valuesLines.size(); i++) {
            String line = valuesLines.get(i);
            if (!line.matches("^\\s*[A-Za-z][A-Za-z0-9]*:.*")) {
                continue;
            }
            int indent = line.indexOf(line.trim());
            String above = i == 0 ? "" : valuesLines.get(i - 1).trim();
            boolean commented = above.startsWith("#");
            boolean opensBlock = line.trim().endsWith(":");
            boolean underDocumentedExample = indent > 0 && exampleParent(valuesLines, i, indent);
            assertThat(commented || opensBlock || underDocumentedExample).as("values.yaml line %d has no comment: %s", i + 1, line).isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static void assertProductionReadyPod(JsonNode deployment) {
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = container(deployment);
        String name = deployment.at("/metadata/name").asText();

        assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(name).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(name).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).as(name).startsWith("/actuator/health");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(name).isEqualTo("http");
        }
        for (String kind : List.of("requests", "limits")) {
            assertThat(container.at("/resources/" + kind + "/cpu").asText()).as("%s %s cpu", name, kind).isNotBlank();
            assertThat(container.at("/resources/" + kind + "/memory").asText()).as("%s %s memory", name, kind).isNotBlank();
        }
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).as(name).isPositive();
        assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop").toString()).as(name).contains("ALL");
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
        // the only writable place: an emptyDir at /tmp
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).as(name).isEqualTo("/tmp");
        String volume = container.at("/volumeMounts/0/name").asText();
        assertThat(pod.at("/volumes")).as(name).anyMatch(v -> v.get("name").asText().equals(volume) && v.has("emptyDir"));
        // labels per Helm conventions
        JsonNode labels = deployment.at("/metadata/labels");
        for (String label : List.of("helm.sh/chart", "app.kubernetes.io/name", "app.kubernetes.io/instance",
                "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "app.kubernetes.io/component")) {
            assertThat(labels.has(label)).as("%s label %s", name, label).isTrue();
        }
    }

    static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    static Map<String, String> alerts(JsonNode rule) {
        Map<String, String> alerts = new LinkedHashMap<>();
        rule.at("/spec/groups").forEach(g -> g.get("rules").forEach(r -> alerts.put(r.get("alert").asText(), r.get("expr").asText())));
        return alerts;
    }

    static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            node.forEach(n -> leaves(n, path, out));
        } else {
            out.add(path + "=" + node.asText());
        }
    }

    /** Key paths of values.yaml down to maps' leaves; lists and the maps inside them count as one value. */
    static void keyPaths(JsonNode node, String path, List<String> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> keyPaths(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else {
            out.add(path);
        }
    }

    static List<String> prefixes(String path) {
        List<String> prefixes = new ArrayList<>();
        String[] parts = path.split("\\.");
        for (int i = 1; i <= parts.length; i++) {
            prefixes.add(String.join(".", List.of(parts).subList(0, i)));
        }
        return prefixes;
    }

    /** Whether the line at index i sits under an ancestor key whose own comment documents it as a whole (`# --`). */
    static boolean exampleParent(List<String> lines, int i, int indent) {
        int current = indent;
        for (int j = i - 1; j >= 0 && current > 0; j--) {
            String line = lines.get(j);
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            int lineIndent = line.indexOf(line.trim());
            if (lineIndent < current) {
                if (j > 0 && lines.get(j - 1).trim().startsWith("# --")) {
                    return true;
                }
                current = lineIndent;
            }
        }
        return false;
    }

    Rendered render(Map<String, String> set) {
        return render(set, null);
    }

    Rendered render(Map<String, String> set, Path valuesFile) {
        return render("budget-ledger", set, valuesFile);
    }

    Rendered render(String release, Map<String, String> set, Path valuesFile) {
        TemplateCommand template = new Helm(CHART).template()
                .withName(release).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, String> e : set.entrySet()) {
            template = template.set(e.getKey(), e.getValue());
        }
        String text = template.call();
        List<JsonNode> objects = new ArrayList<>();
        try {
            Iterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    objects.add(doc);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("rendered chart is no YAML:\n" + text, e);
        }
        return new Rendered(text, objects);
    }

    record Rendered(String text, List<JsonNode> objects) {
        List<String> kinds() {
            return objects.stream().map(o -> o.get("kind").asText()).toList();
        }

        List<JsonNode> all(String kind) {
            return objects.stream().filter(o -> o.get("kind").asText().equals(kind)).toList();
        }

        JsonNode one(String kind, String name) {
            List<JsonNode> found = all(kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).toList();
            assertThat(found).as("%s %s in %s", kind, name, objects.stream()
                    .map(o -> o.get("kind").asText() + " " + o.at("/metadata/name").asText()).toList()).hasSize(1);
            JsonNode object = found.get(0);
            assertThat(object.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
            return object;
        }
    }
}
