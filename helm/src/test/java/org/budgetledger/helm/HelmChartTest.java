package org.budgetledger.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    /** The Secret with the API keys, one per role, that an operator creates. */
    static final String KEYS_SECRET = "budget-ledger-api-keys";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The only variables that may come from a Secret, and the only place a secret may come from. */
    static final Set<String> KAFKA_ENV = Set.of("KAFKA_USERNAME", "KAFKA_PASSWORD");

    static final String KAFKA_SECRET = "budget-ledger-kafka";
    /** The API keys of both services, by the key of security.existingSecret they come from (the defaults). */
    static final Map<String, String> KEY_ENV = Map.of(
            "LEDGER_ADMIN_KEY",
            "admin-key",
            "LEDGER_POSTER_KEY",
            "poster-key",
            "LEDGER_AUDITOR_KEY",
            "auditor-key",
            "LEDGER_VIEWER_KEY",
            "viewer-key");

    static final Set<String> SECRET_ENV = java.util.stream.Stream.of(
                    Set.of("MONGODB_URI", "LEDGER_SERVICE_API_KEY"), KAFKA_ENV, KEY_ENV.keySet())
            .flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());
    /** Where the identity provider is: names that look secret, values that are not. */
    static final Set<String> IDP_URIS = Set.of("JWT_ISSUER_URI", "JWT_JWK_SET_URI");
    /** Settings whose names look secret but are not ("SECURITY" holds "URI"). */
    static final Set<String> NOT_SECRET = java.util.stream.Stream.concat(
                    IDP_URIS.stream(), java.util.stream.Stream.of("LEDGER_SECURITY_ENABLED", "KAFKA_SECURITY_PROTOCOL"))
            .collect(Collectors.toUnmodifiableSet());

    static final Pattern SECRET_LIKE_NAME =
            Pattern.compile("(?i).*(URI|PASSWORD|PASSWD|SECRET|JAAS|TOKEN|CREDENTIAL|_KEY).*");
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

        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
    }

    // ---------------------------------------------------------------------------------------------------- defaults

    @Test
    void defaultsRenderTheTwoServicesWithProbesResourcesAndNonRootPods() {
        Rendered r = render(base());

        assertThat(r.kinds())
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ConfigMap",
                        "ConfigMap",
                        "Service",
                        "Service",
                        "Deployment",
                        "Deployment",
                        "PodDisruptionBudget",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "NetworkPolicy");
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
        Rendered r = render(base());

        JsonNode ledgerConfig = r.one("ConfigMap", "budget-ledger-ledger").get("data");
        JsonNode projectionConfig =
                r.one("ConfigMap", "budget-ledger-projection").get("data");
        assertThat(ledgerConfig.get("SERVER_PORT").asText()).isEqualTo("8081");
        assertThat(projectionConfig.get("SERVER_PORT").asText()).isEqualTo("8082");
        for (JsonNode config : List.of(ledgerConfig, projectionConfig)) {
            assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(config.get("LEDGER_EVENTS_TOPIC").asText()).isEqualTo("ledger.events");
            assertThat(config.get("LEDGER_TOPIC_PARTITIONS").asText()).isEqualTo("6");
        }
        assertThat(ledgerConfig.get("LEDGER_POSTINGS_TOPIC").asText()).isEqualTo("ledger.postings");
        // the relay: its group's session, which the Kafka cluster's group.min.session.timeout.ms must allow
        assertThat(ledgerConfig.get("LEDGER_RELAY_SESSION_TIMEOUT").asText()).isEqualTo("3s");
        assertThat(ledgerConfig.has("LEDGER_RELAY_GROUP"))
                .as("default: <events topic>.relay")
                .isFalse();
        assertThat(projectionConfig.has("LEDGER_RELAY_SESSION_TIMEOUT")).isFalse();
        assertThat(ledgerConfig.get("LEDGER_DLQ_TOPIC").asText()).isEqualTo("ledger.postings.dlq");

        for (String component : List.of("ledger", "projection")) {
            JsonNode container = container(r.one("Deployment", "budget-ledger-" + component));
            JsonNode config = r.one("ConfigMap", "budget-ledger-" + component).get("data");
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asText())
                    .isEqualTo(config.get("SERVER_PORT").asText());
            assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("budget-ledger-" + component);
            JsonNode service = r.one("Service", "budget-ledger-" + component);
            assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            assertThat(service.at("/spec/selector"))
                    .isEqualTo(r.one("Deployment", "budget-ledger-" + component).at("/spec/selector/matchLabels"));
        }
        // the projection reaches this release's ledger Service at its port
        JsonNode ledgerService = r.one("Service", "budget-ledger-ledger");
        assertThat(projectionConfig.get("LEDGER_SERVICE_URL").asText())
                .isEqualTo("http://budget-ledger-ledger:"
                        + ledgerService.at("/spec/ports/0/port").asInt());
    }

    @Test
    void ledgerServiceUrlFollowsTheReleaseName() {
        Rendered r = render("acme", base(), null);

        assertThat(r.one("Service", "acme-budget-ledger-ledger")).isNotNull();
        assertThat(r.one("ConfigMap", "acme-budget-ledger-projection")
                        .at("/data/LEDGER_SERVICE_URL")
                        .asText())
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
            assertThat(r.one("ConfigMap", name).at("/data/LEDGER_PUBLIC_DOCS").asText())
                    .as("OpenAPI and Swagger closed")
                    .isEqualTo("false");
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
            assertThat(deployment
                            .at("/spec/template/spec/topologySpreadConstraints/0/topologyKey")
                            .asText())
                    .isEqualTo("kubernetes.io/hostname");
            assertThat(container(deployment).at("/resources/requests/memory").asText())
                    .isEqualTo(
                            container(deployment).at("/resources/limits/memory").asText());
            // each service's own Kafka principal from the existing Kafka Secret
            Map<String, JsonNode> env = env(container(deployment));
            assertThat(env.get("KAFKA_PASSWORD")
                            .at("/valueFrom/secretKeyRef/name")
                            .asText())
                    .isEqualTo(KAFKA_SECRET);
            assertThat(env.get("KAFKA_PASSWORD")
                            .at("/valueFrom/secretKeyRef/optional")
                            .isMissingNode())
                    .isTrue();
            assertThat(env.get("KAFKA_USERNAME")
                            .at("/valueFrom/secretKeyRef/key")
                            .asText())
                    .isEqualTo(
                            deployment.at("/metadata/name").asText().endsWith("-ledger")
                                    ? "ledger-username"
                                    : "projection-username");
            assertThat(env.get("MONGODB_URI").at("/valueFrom/secretKeyRef/name").asText())
                    .isEqualTo(MONGO_SECRET);
        }
        // API keys from the existing Secret, tokens of the identity provider beside them
        for (String component : List.of("ledger", "projection")) {
            Map<String, JsonNode> env = env(container(r.one("Deployment", "budget-ledger-" + component)));
            assertThat(env.get("LEDGER_POSTER_KEY")
                            .at("/valueFrom/secretKeyRef/name")
                            .asText())
                    .isEqualTo(KEYS_SECRET);
            JsonNode config = r.one("ConfigMap", "budget-ledger-" + component).get("data");
            assertThat(config.get("JWT_ISSUER_URI").asText()).startsWith("https://");
            assertThat(config.get("LEDGER_SECURITY_ENABLED").asText()).isEqualTo("true");
            assertThat(config.get("LEDGER_POSTER_SOURCE_SYSTEMS").asText()).isNotBlank();
        }
        JsonNode monitor = r.one("ServiceMonitor", "budget-ledger");
        assertThat(monitor.at("/spec/endpoints/0/authorization/type").asText()).isEqualTo("ApiKey");
        assertThat(monitor.at("/spec/endpoints/0/authorization/credentials/name")
                        .asText())
                .isEqualTo(KEYS_SECRET);
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1instance")
                        .asText())
                .isEqualTo("budget-ledger");

        Map<String, String> alerts = alerts(r.one("PrometheusRule", "budget-ledger"));
        assertThat(alerts)
                .containsKeys(
                        "BudgetLedgerKafkaConsumerLagHigh",
                        "BudgetLedgerProjectionLagHigh",
                        "BudgetLedgerDlqGrowing",
                        "BudgetLedgerRejectedPostingsHigh",
                        "BudgetLedgerServiceDown",
                        "BudgetLedgerDivergence",
                        "BudgetLedgerRelayLagHigh",
                        "BudgetLedgerRelayPartitionsUnpublished");
        assertThat(alerts.get("BudgetLedgerKafkaConsumerLagHigh"))
                .contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(alerts.get("BudgetLedgerProjectionLagHigh"))
                .contains("projection_lag_seconds{")
                .contains("quantile=\"0.99\"");
        assertThat(alerts.get("BudgetLedgerDlqGrowing"))
                .contains("ledger_postings_total{")
                .contains("channel=\"kafka\"")
                .contains("outcome=~\"rejected|conflict\"");
        assertThat(alerts.get("BudgetLedgerRejectedPostingsHigh"))
                .contains("outcome=\"rejected\"")
                .contains(" / ")
                .contains("> 0.05");
        // every alert is scoped to this release's scrape targets (job = the Service's name)
        assertThat(alerts.values()).allMatch(expr -> expr.contains("namespace=\"" + NAMESPACE + "\""));
        assertThat(alerts.get("BudgetLedgerProjectionLagHigh")).contains("job=\"budget-ledger-projection\"");
        assertThat(alerts.get("BudgetLedgerDlqGrowing")).contains("job=\"budget-ledger-ledger\"");
        // divergences of both services page at once; every partition of the events topic (12 here) has a publisher
        assertThat(alerts.get("BudgetLedgerDivergence"))
                .contains("budgetledger_divergences_total{")
                .contains("job=~\"budget-ledger-ledger|budget-ledger-projection\"");
        JsonNode divergence = rule(r.one("PrometheusRule", "budget-ledger"), "BudgetLedgerDivergence");
        assertThat(divergence.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(divergence.has("for")).isFalse();
        assertThat(alerts.get("BudgetLedgerRelayLagHigh"))
                .contains("ledger_relay_lag_seconds{")
                .contains("quantile=\"0.99\"")
                .contains("job=\"budget-ledger-ledger\"");
        assertThat(alerts.get("BudgetLedgerRelayPartitionsUnpublished"))
                .contains("ledger_relay_partitions{")
                .endsWith(" < 12");

        // ingress from the configured namespaces, and projection -> ledger
        JsonNode ledgerPolicy = r.one("NetworkPolicy", "budget-ledger-ledger");
        assertThat(ledgerPolicy.at("/spec/ingress").toString())
                .contains("payments")
                .contains("ingress-nginx")
                .contains("monitoring")
                .contains("\"app.kubernetes.io/component\":\"projection\"");
    }

    @Test
    void monitoringObjectsOnlyWhenEnabled() {
        Rendered monitorOnly = render(base("metrics.serviceMonitor.enabled", "true"));
        assertThat(monitorOnly.all("ServiceMonitor")).hasSize(1);
        assertThat(monitorOnly.all("PrometheusRule")).isEmpty();

        Rendered rulesOnly = render(base("metrics.prometheusRule.enabled", "true"));
        assertThat(rulesOnly.all("ServiceMonitor")).isEmpty();
        assertThat(rulesOnly.all("PrometheusRule")).hasSize(1);

        Rendered production = render(
                Map.of("metrics.serviceMonitor.enabled", "false", "metrics.prometheusRule.enabled", "false"),
                PRODUCTION);
        assertThat(production.all("ServiceMonitor")).isEmpty();
        assertThat(production.all("PrometheusRule")).isEmpty();
    }

    @Test
    void relayPartitionsAlertFollowsTheEventsTopic() {
        Map<String, String> defaults =
                alerts(render(base("metrics.prometheusRule.enabled", "true")).one("PrometheusRule", "budget-ledger"));
        assertThat(defaults.get("BudgetLedgerRelayPartitionsUnpublished")).endsWith(" < 6");
        // a topic created beforehand with another count
        Map<String, String> own = alerts(
                render(base("metrics.prometheusRule.enabled", "true", "metrics.prometheusRule.relayPartitions", "8"))
                        .one("PrometheusRule", "budget-ledger"));
        assertThat(own.get("BudgetLedgerRelayPartitionsUnpublished")).endsWith(" < 8");
    }

    @Test
    void autoscalerAndDisruptionBudgetPerService() {
        Rendered r = render(base(
                "ledger.autoscaling.enabled",
                "true",
                "projection.replicaCount",
                "2",
                "projection.pdb.enabled",
                "false",
                "ledger.pdb.minAvailable",
                "50%"));

        assertThat(r.all("HorizontalPodAutoscaler"))
                .extracting(o -> o.at("/metadata/name").asText())
                .containsExactly("budget-ledger-ledger");
        assertThat(r.one("Deployment", "budget-ledger-ledger")
                        .at("/spec/replicas")
                        .isMissingNode())
                .isTrue();
        assertThat(r.one("Deployment", "budget-ledger-projection")
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(2);
        assertThat(r.all("PodDisruptionBudget"))
                .extracting(o -> o.at("/metadata/name").asText())
                .containsExactly("budget-ledger-ledger");
        assertThat(r.one("PodDisruptionBudget", "budget-ledger-ledger")
                        .at("/spec/minAvailable")
                        .asText())
                .isEqualTo("50%");

        Rendered noPolicy = render(base("networkPolicy.enabled", "false"));
        assertThat(noPolicy.all("NetworkPolicy")).isEmpty();
    }

    @Test
    void networkPolicyAdmitsOnlyTheServicesPortsAndProjectionToLedger() {
        Rendered r = render(base());

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
        JsonNode fromProjection =
                r.one("NetworkPolicy", "budget-ledger-ledger").at("/spec/ingress/0/from/0/podSelector/matchLabels");
        assertThat(fromProjection)
                .isEqualTo(r.one("Deployment", "budget-ledger-projection").at("/spec/selector/matchLabels"));
    }

    // ---------------------------------------------------------------------------------------------------- secrets

    @Test
    void noPlainTextSecretIsRendered() {
        for (Rendered r : List.of(
                render(base()),
                render(Map.of(
                        "mongodb.existingSecret",
                        MONGO_SECRET,
                        "kafka.existingSecret",
                        KAFKA_SECRET,
                        "security.jwt.issuerUri",
                        "https://idp.example.org/realms/x",
                        "security.jwt.audience",
                        "budget-ledger",
                        "security.posterSourceSystems",
                        "*")),
                render(Map.of(), PRODUCTION))) {
            assertThat(r.kinds()).doesNotContain("Secret");
            assertThat(r.text())
                    .doesNotContainPattern("(?i)mongodb(\\+srv)?://")
                    .doesNotContainPattern("(?i)LoginModule");
            for (JsonNode deployment : r.all("Deployment")) {
                Map<String, JsonNode> env = env(container(deployment));
                assertThat(env).containsKey("MONGODB_URI");
                env.forEach((name, var) -> {
                    if (var.has("value") && !NOT_SECRET.contains(name)) {
                        assertThat(name).as("plain env %s", name).doesNotMatch(SECRET_LIKE_NAME);
                        assertThat(var.get("value").asText()).doesNotMatch(SECRET_LIKE_VALUE);
                    }
                    JsonNode secretRef = var.at("/valueFrom/secretKeyRef");
                    if (!secretRef.isMissingNode()) {
                        assertThat(SECRET_ENV).as("secret env %s", name).contains(name);
                    }
                });
                assertThat(env.get("MONGODB_URI")
                                .at("/valueFrom/secretKeyRef/name")
                                .asText())
                        .isNotBlank();
                assertThat(container(deployment).at("/envFrom").toString()).doesNotContain("secretRef");
            }
            for (JsonNode config : r.all("ConfigMap")) {
                config.get("data").fields().forEachRemaining(e -> {
                    if (IDP_URIS.contains(e.getKey())) {
                        assertThat(e.getValue().asText())
                                .as(e.getKey())
                                .startsWith("https://")
                                .doesNotContain("@");
                    }
                    if (!NOT_SECRET.contains(e.getKey())) {
                        assertThat(e.getKey()).doesNotMatch(SECRET_LIKE_NAME);
                    }
                    assertThat(e.getValue().asText()).doesNotMatch(SECRET_LIKE_VALUE);
                });
            }
        }
    }

    @Test
    void kafkaPrincipalsOnlyFromTheNamedSecretAndNeverUnauthenticatedUnsaid() {
        Rendered sasl = render(base());
        for (JsonNode deployment : sasl.all("Deployment")) {
            Map<String, JsonNode> env = env(container(deployment));
            assertThat(env.keySet())
                    .containsAll(KAFKA_ENV)
                    .containsAll(KEY_ENV.keySet())
                    .contains("MONGODB_URI");
            assertThat(SECRET_ENV).containsAll(env.keySet());
            String component = deployment.at("/metadata/name").asText().endsWith("-ledger") ? "ledger" : "projection";
            assertThat(env.get("KAFKA_USERNAME")
                            .at("/valueFrom/secretKeyRef/key")
                            .asText())
                    .isEqualTo(component + "-username");
            assertThat(env.get("KAFKA_PASSWORD")
                            .at("/valueFrom/secretKeyRef/key")
                            .asText())
                    .isEqualTo(component + "-password");
            env.forEach((name, var) -> {
                if (KAFKA_ENV.contains(name)) {
                    assertThat(var.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(KAFKA_SECRET);
                }
            });
        }
        for (JsonNode config : sasl.all("ConfigMap")) {
            assertThat(config.at("/data/KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
            assertThat(config.at("/data/KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
            assertThat(config.at("/data/KAFKA_ALLOW_UNAUTHENTICATED").asText()).isEqualTo("false");
        }
        assertThat(sasl.one("ConfigMap", "budget-ledger-ledger")
                        .at("/data/LEDGER_KAFKA_CHANNELS")
                        .isMissingNode())
                .isTrue();
        assertThat(render(base("ledger.kafkaChannels", "ledger.postings.payroll=payroll"))
                        .one("ConfigMap", "budget-ledger-ledger")
                        .at("/data/LEDGER_KAFKA_CHANNELS")
                        .asText())
                .isEqualTo("ledger.postings.payroll=payroll");

        assertThatThrownBy(() -> render(base("kafka.existingSecret", "")))
                .hasMessageContaining("kafka.existingSecret is required with kafka.securityProtocol=SASL_SSL")
                .hasMessageContaining("ledger-username");
        assertThatThrownBy(() -> render(base("kafka.existingSecret", "", "kafka.securityProtocol", "PLAINTEXT")))
                .hasMessageContaining("kafka.allowUnauthenticated");
        Rendered plain = render(base(
                "kafka.existingSecret",
                "",
                "kafka.securityProtocol",
                "PLAINTEXT",
                "kafka.allowUnauthenticated",
                "true"));
        for (JsonNode deployment : plain.all("Deployment")) {
            assertThat(env(container(deployment)).keySet())
                    .doesNotContainAnyElementsOf(KAFKA_ENV)
                    .contains("MONGODB_URI");
        }
        assertThat(plain.one("ConfigMap", "budget-ledger-ledger")
                        .at("/data/KAFKA_ALLOW_UNAUTHENTICATED")
                        .asText())
                .isEqualTo("true");
    }

    @Test
    void valuesFilesHoldNoSecret() throws IOException {
        for (Path file : List.of(CHART.resolve("values.yaml"), PRODUCTION)) {
            List<String> leaves = new ArrayList<>();
            leaves(YAML.readTree(file.toFile()), "", leaves);
            assertThat(leaves)
                    .as(file.toString())
                    .noneMatch(l -> SECRET_LIKE_VALUE
                            .matcher(l.substring(l.indexOf('=') + 1))
                            .matches());
        }
    }

    @Test
    void renderingFailsClearlyWithoutAMongoDbSecret() {
        assertThatThrownBy(() -> render(Map.of("kafka.existingSecret", KAFKA_SECRET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mongodb.existingSecret is required")
                .hasMessageContaining("MONGODB_URI");
        // one service's own Secret is not enough for the other
        assertThatThrownBy(() -> render(
                        Map.of("mongodb.ledger.existingSecret", "ledger-mongo", "kafka.existingSecret", KAFKA_SECRET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mongodb.existingSecret is required")
                .hasMessageContaining("projection-service");
        // each service its own Secret
        Rendered r = render(Map.of(
                "mongodb.ledger.existingSecret",
                "ledger-mongo",
                "mongodb.projection.existingSecret",
                "projection-mongo",
                "kafka.existingSecret",
                KAFKA_SECRET,
                "security.existingSecret",
                KEYS_SECRET));
        assertThat(env(container(r.one("Deployment", "budget-ledger-ledger")))
                        .get("MONGODB_URI")
                        .at("/valueFrom/secretKeyRef/name")
                        .asText())
                .isEqualTo("ledger-mongo");
        assertThat(env(container(r.one("Deployment", "budget-ledger-projection")))
                        .get("MONGODB_URI")
                        .at("/valueFrom/secretKeyRef/name")
                        .asText())
                .isEqualTo("projection-mongo");
    }

    @Test
    void notesTellWhereTheServicesAndTheirSecretsAre() {
        Release release = new Helm(CHART)
                .install()
                .withName("budget-ledger")
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .dryRun()
                .clientOnly()
                .withValuesFile(PRODUCTION)
                .call();

        assertThat(release.getOutput())
                .contains("http://budget-ledger-ledger." + NAMESPACE + ".svc:8081")
                .contains("http://budget-ledger-projection." + NAMESPACE + ".svc:8082")
                .contains("Secret " + MONGO_SECRET + ", key ledger-mongodb-uri")
                .contains("Secret budget-ledger-kafka")
                .contains("ServiceMonitor budget-ledger")
                .contains("Secret " + KEYS_SECRET + ", keys admin-key (ADMIN)")
                .contains(
                        "kubectl -n " + NAMESPACE + " get secret " + KEYS_SECRET + " -o jsonpath='{.data.viewer-key}'")
                .contains("X-API-Key: $KEY")
                .contains("Authorization: Bearer")
                .doesNotContain("WARNING");
    }

    // ---------------------------------------------------------------------------------------------------- access
    // control

    @Test
    void apiKeysOnlyFromTheNamedSecret() {
        Rendered r = render(base());

        assertThat(r.kinds()).doesNotContain("Secret");
        for (String component : List.of("ledger", "projection")) {
            Map<String, JsonNode> env = env(container(r.one("Deployment", "budget-ledger-" + component)));
            KEY_ENV.forEach((name, key) -> {
                assertThat(env).as("%s %s", component, name).containsKey(name);
                JsonNode var = env.get(name);
                assertThat(var.has("value"))
                        .as("%s %s in plain text", component, name)
                        .isFalse();
                assertThat(var.at("/valueFrom/secretKeyRef/name").asText())
                        .as(name)
                        .isEqualTo(KEYS_SECRET);
                assertThat(var.at("/valueFrom/secretKeyRef/key").asText())
                        .as(name)
                        .isEqualTo(key);
                assertThat(var.at("/valueFrom/secretKeyRef/optional").asBoolean())
                        .as("%s optional", name)
                        .isTrue();
            });
            JsonNode config = r.one("ConfigMap", "budget-ledger-" + component).get("data");
            assertThat(config.get("LEDGER_SECURITY_ENABLED").asText()).isEqualTo("true");
            assertThat(config.get("LEDGER_PUBLIC_DOCS").asText()).isEqualTo("true");
            assertThat(config.get("LEDGER_MAX_REQUEST_BYTES").asText()).isEqualTo("8388608");
            assertThat(config.get("JWT_ROLES_CLAIM").asText()).isEqualTo("roles");
            assertThat(config.get("JWT_SOURCE_SYSTEMS_CLAIM").asText()).isEqualTo("source_systems");
            assertThat(config.has("JWT_ISSUER_URI")).isFalse();
            for (String name : KEY_ENV.keySet()) {
                assertThat(config.has(name)).as("%s in the ConfigMap", name).isFalse();
            }
        }
        // projection-service reads the ledger's event store with the auditor key of the same Secret
        JsonNode serviceKey =
                env(container(r.one("Deployment", "budget-ledger-projection"))).get("LEDGER_SERVICE_API_KEY");
        assertThat(serviceKey).isNotNull();
        assertThat(serviceKey.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(KEYS_SECRET);
        assertThat(serviceKey.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("auditor-key");
        assertThat(env(container(r.one("Deployment", "budget-ledger-ledger"))))
                .doesNotContainKey("LEDGER_SERVICE_API_KEY");

        // the keys' names in the Secret are the operator's
        Rendered renamed =
                render(base("security.secretKeys.auditor", "reader", "security.secretKeys.viewer", "metrics"));
        Map<String, JsonNode> projection = env(container(renamed.one("Deployment", "budget-ledger-projection")));
        assertThat(projection
                        .get("LEDGER_AUDITOR_KEY")
                        .at("/valueFrom/secretKeyRef/key")
                        .asText())
                .isEqualTo("reader");
        assertThat(projection
                        .get("LEDGER_SERVICE_API_KEY")
                        .at("/valueFrom/secretKeyRef/key")
                        .asText())
                .isEqualTo("reader");
        assertThat(projection
                        .get("LEDGER_VIEWER_KEY")
                        .at("/valueFrom/secretKeyRef/key")
                        .asText())
                .isEqualTo("metrics");
    }

    @Test
    void securitySettingsAreNonSecretConfiguration(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("jwt-only.yaml");
        Files.writeString(values, """
                mongodb:
                  existingSecret: budget-ledger-mongodb
                kafka:
                  existingSecret: budget-ledger-kafka
                security:
                  posterSourceSystems: [treasury-payments, demo]
                  publicDocs: false
                  maxRequestBytes: 1048576
                  jwt:
                    issuerUri: https://idp.example.org/realms/budget-ledger
                    audience: budget-ledger
                    rolesClaim: ledger_roles
                    sourceSystemsClaim: ledger_sources
                """);
        Rendered r = render(Map.of(), values);

        for (String component : List.of("ledger", "projection")) {
            JsonNode config = r.one("ConfigMap", "budget-ledger-" + component).get("data");
            assertThat(config.get("JWT_ISSUER_URI").asText()).isEqualTo("https://idp.example.org/realms/budget-ledger");
            assertThat(config.has("JWT_JWK_SET_URI")).isFalse();
            assertThat(config.get("JWT_AUDIENCE").asText()).isEqualTo("budget-ledger");
            assertThat(config.get("JWT_ROLES_CLAIM").asText()).isEqualTo("ledger_roles");
            assertThat(config.get("JWT_SOURCE_SYSTEMS_CLAIM").asText()).isEqualTo("ledger_sources");
            assertThat(config.get("LEDGER_POSTER_SOURCE_SYSTEMS").asText()).isEqualTo("treasury-payments,demo");
            assertThat(config.get("LEDGER_PUBLIC_DOCS").asText()).isEqualTo("false");
            assertThat(config.get("LEDGER_MAX_REQUEST_BYTES").asText()).isEqualTo("1048576");
            assertThat(config.get("LEDGER_SECURITY_ENABLED").asText()).isEqualTo("true");
            // tokens only: no Secret named, no key variable
            assertThat(env(container(r.one("Deployment", "budget-ledger-" + component)))
                            .keySet())
                    .doesNotContainAnyElementsOf(KEY_ENV.keySet())
                    .doesNotContain("LEDGER_SERVICE_API_KEY");
        }
        // a key set instead of discovery (the issuer still checked); a comma list as a string as well
        Rendered jwks = render(Map.of(
                "mongodb.existingSecret",
                MONGO_SECRET,
                "kafka.existingSecret",
                KAFKA_SECRET,
                "security.jwt.issuerUri",
                "https://idp.example.org/realms/x",
                "security.jwt.jwkSetUri",
                "https://idp.example.org/keys",
                "security.jwt.audience",
                "budget-ledger",
                "security.posterSourceSystems",
                "*"));
        assertThat(jwks.one("ConfigMap", "budget-ledger-ledger")
                        .at("/data/JWT_JWK_SET_URI")
                        .asText())
                .isEqualTo("https://idp.example.org/keys");
        assertThat(jwks.one("ConfigMap", "budget-ledger-ledger")
                        .at("/data/LEDGER_POSTER_SOURCE_SYSTEMS")
                        .asText())
                .isEqualTo("*");
    }

    @Test
    void renderingFailsClearlyWithoutAnyAccessConfigured() {
        for (Map<String, String> set : List.of(
                Map.of("mongodb.existingSecret", MONGO_SECRET, "kafka.existingSecret", KAFKA_SECRET),
                Map.of(
                        "mongodb.existingSecret",
                        MONGO_SECRET,
                        "kafka.existingSecret",
                        KAFKA_SECRET,
                        "security.enabled",
                        "true"),
                Map.of(
                        "mongodb.existingSecret",
                        MONGO_SECRET,
                        "kafka.existingSecret",
                        KAFKA_SECRET,
                        "security.existingSecret",
                        "",
                        "security.jwt.issuerUri",
                        ""))) {
            assertThatThrownBy(() -> render(set))
                    .as("%s", set)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("security.existingSecret or security.jwt.issuerUri is required")
                    .hasMessageContaining("401")
                    .hasMessageContaining("admin-key")
                    .hasMessageContaining("viewer-key")
                    .hasMessageContaining("security.enabled=false");
        }
    }

    @Test
    void tokensAreAcceptedOnlyForThisServiceFromTheNamedIssuer() {
        assertThatThrownBy(() -> render(Map.of(
                        "mongodb.existingSecret",
                        MONGO_SECRET,
                        "kafka.existingSecret",
                        KAFKA_SECRET,
                        "security.jwt.issuerUri",
                        "https://idp.example.org/realms/x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("security.jwt.audience is required");
        assertThatThrownBy(() -> render(Map.of(
                        "mongodb.existingSecret",
                        MONGO_SECRET,
                        "kafka.existingSecret",
                        KAFKA_SECRET,
                        "security.jwt.jwkSetUri",
                        "https://idp.example.org/keys",
                        "security.jwt.audience",
                        "budget-ledger")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("security.jwt.issuerUri is required");
    }

    @Test
    void accessControlIsOffOnlyWhenSetExplicitly() {
        Rendered r = render(Map.of(
                "mongodb.existingSecret",
                MONGO_SECRET,
                "kafka.existingSecret",
                KAFKA_SECRET,
                "security.enabled",
                "false",
                "metrics.serviceMonitor.enabled",
                "true"));

        for (String component : List.of("ledger", "projection")) {
            assertThat(r.one("ConfigMap", "budget-ledger-" + component)
                            .at("/data/LEDGER_SECURITY_ENABLED")
                            .asText())
                    .isEqualTo("false");
            JsonNode container = container(r.one("Deployment", "budget-ledger-" + component));
            assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("budget-ledger-" + component);
            assertThat(env(container).keySet()).doesNotContainAnyElementsOf(KEY_ENV.keySet());
        }
        assertThat(r.one("ServiceMonitor", "budget-ledger")
                        .at("/spec/endpoints/0/authorization")
                        .isMissingNode())
                .isTrue();

        Release release = new Helm(CHART)
                .install()
                .withName("budget-ledger")
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .dryRun()
                .clientOnly()
                .set("mongodb.existingSecret", MONGO_SECRET)
                .set("kafka.existingSecret", KAFKA_SECRET)
                .set("security.enabled", "false")
                .call();
        assertThat(release.getOutput())
                .contains("WARNING: access control is OFF")
                .contains("LEDGER_SECURITY_ENABLED=false");
    }

    @Test
    void serviceMonitorScrapesWithTheViewerKey() {
        JsonNode endpoint = render(base("metrics.serviceMonitor.enabled", "true"))
                .one("ServiceMonitor", "budget-ledger")
                .at("/spec/endpoints/0");
        assertThat(endpoint.at("/path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(endpoint.at("/authorization/type").asText()).isEqualTo("ApiKey");
        assertThat(endpoint.at("/authorization/credentials/name").asText()).isEqualTo(KEYS_SECRET);
        assertThat(endpoint.at("/authorization/credentials/key").asText()).isEqualTo("viewer-key");
        // ... the key the services know as LEDGER_VIEWER_KEY
        assertThat(env(container(render(base()).one("Deployment", "budget-ledger-ledger")))
                        .get("LEDGER_VIEWER_KEY")
                        .at("/valueFrom/secretKeyRef/key")
                        .asText())
                .isEqualTo(endpoint.at("/authorization/credentials/key").asText());

        JsonNode renamed = render(
                        base("metrics.serviceMonitor.enabled", "true", "security.secretKeys.viewer", "metrics-key"))
                .one("ServiceMonitor", "budget-ledger")
                .at("/spec/endpoints/0/authorization/credentials/key");
        assertThat(renamed.asText()).isEqualTo("metrics-key");

        // tokens only: Prometheus has no token, so the chart asks for the Secret with the viewer key
        assertThatThrownBy(() -> render(Map.of(
                        "mongodb.existingSecret",
                        MONGO_SECRET,
                        "kafka.existingSecret",
                        KAFKA_SECRET,
                        "security.jwt.issuerUri",
                        "https://idp.example.org/realms/budget-ledger",
                        "security.jwt.audience",
                        "budget-ledger",
                        "metrics.serviceMonitor.enabled",
                        "true")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("security.existingSecret is required with metrics.serviceMonitor.enabled")
                .hasMessageContaining("viewer-key");
    }

    // ---------------------------------------------------------------------------------------------------- docs

    @Test
    void everyValueIsDocumentedInValuesYamlAndTheReadme() throws IOException {
        List<String> valuesLines = Files.readAllLines(CHART.resolve("values.yaml"));
        String readme = Files.readString(CHART.resolve("README.md"));
        Set<String> documented = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE)
                .matcher(readme)
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toSet());

        List<String> paths = new ArrayList<>();
        keyPaths(YAML.readTree(CHART.resolve("values.yaml").toFile()), "", paths);
        for (String path : paths) {
            assertThat(prefixes(path))
                    .as("values.yaml key %s in the README's values table", path)
                    .containsAnyElementsOf(documented);
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
            assertThat(commented || opensBlock || underDocumentedExample)
                    .as("values.yaml line %d has no comment: %s", i + 1, line)
                    .isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static void assertProductionReadyPod(JsonNode deployment) {
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = container(deployment);
        String name = deployment.at("/metadata/name").asText();

        assertThat(container.at("/livenessProbe/httpGet/path").asText())
                .as(name)
                .isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asText())
                .as(name)
                .isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).as(name).startsWith("/actuator/health");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText())
                    .as(name)
                    .isEqualTo("http");
        }
        for (String kind : List.of("requests", "limits")) {
            assertThat(container.at("/resources/" + kind + "/cpu").asText())
                    .as("%s %s cpu", name, kind)
                    .isNotBlank();
            assertThat(container.at("/resources/" + kind + "/memory").asText())
                    .as("%s %s memory", name, kind)
                    .isNotBlank();
        }
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).as(name).isPositive();
        assertThat(container.at("/securityContext/runAsNonRoot").asBoolean())
                .as(name)
                .isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                .as(name)
                .isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                .as(name)
                .isFalse();
        assertThat(container.at("/securityContext/capabilities/drop").toString())
                .as(name)
                .contains("ALL");
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true))
                .as(name)
                .isFalse();
        // the only writable place: an emptyDir at /tmp
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).as(name).isEqualTo("/tmp");
        String volume = container.at("/volumeMounts/0/name").asText();
        assertThat(pod.at("/volumes"))
                .as(name)
                .anyMatch(v -> v.get("name").asText().equals(volume) && v.has("emptyDir"));
        // labels per Helm conventions
        JsonNode labels = deployment.at("/metadata/labels");
        for (String label : List.of(
                "helm.sh/chart",
                "app.kubernetes.io/name",
                "app.kubernetes.io/instance",
                "app.kubernetes.io/version",
                "app.kubernetes.io/managed-by",
                "app.kubernetes.io/component")) {
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
        rule.at("/spec/groups")
                .forEach(g -> g.get("rules")
                        .forEach(r -> alerts.put(
                                r.get("alert").asText(), r.get("expr").asText())));
        return alerts;
    }

    static JsonNode rule(JsonNode prometheusRule, String alert) {
        for (JsonNode group : prometheusRule.at("/spec/groups")) {
            for (JsonNode r : group.get("rules")) {
                if (r.get("alert").asText().equals(alert)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no alert " + alert);
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
            node.fields()
                    .forEachRemaining(
                            e -> keyPaths(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
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

    /** The values every render needs: the MongoDB, API keys' and Kafka principals' Secrets, and further pairs. */
    static Map<String, String> base(String... pairs) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("mongodb.existingSecret", MONGO_SECRET);
        set.put("security.existingSecret", KEYS_SECRET);
        set.put("kafka.existingSecret", KAFKA_SECRET);
        for (int i = 0; i < pairs.length; i += 2) {
            set.put(pairs[i], pairs[i + 1]);
        }
        return set;
    }

    Rendered render(Map<String, String> set) {
        return render(set, null);
    }

    Rendered render(Map<String, String> set, Path valuesFile) {
        return render("budget-ledger", set, valuesFile);
    }

    Rendered render(String release, Map<String, String> set, Path valuesFile) {
        TemplateCommand template = new Helm(CHART)
                .template()
                .withName(release)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
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
            return objects.stream()
                    .filter(o -> o.get("kind").asText().equals(kind))
                    .toList();
        }

        JsonNode one(String kind, String name) {
            List<JsonNode> found = all(kind).stream()
                    .filter(o -> o.at("/metadata/name").asText().equals(name))
                    .toList();
            assertThat(found)
                    .as(
                            "%s %s in %s",
                            kind,
                            name,
                            objects.stream()
                                    .map(o -> o.get("kind").asText() + " "
                                            + o.at("/metadata/name").asText())
                                    .toList())
                    .hasSize(1);
            JsonNode object = found.get(0);
            assertThat(object.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
            return object;
        }
    }
}
