package org.budgetledger.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml and what it mounts and builds, checked without a Docker engine: the parts are there, healthy
 * before they are depended on, and configured as the services' application.yml reads its settings.
 */
class ComposeConfigTest {

    /** This module's directory: docker/ (surefire runs in it). Paths in compose.yaml are relative to it. */
    static final Path DIR = Paths.get("").toAbsolutePath();

    static final Path REPO = DIR.getParent();

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    /** Services of the compose file and the module each is built from. */
    static final Map<String, String> APPS =
            Map.of("ledger-service", "ledger-service", "projection-service", "projection-service");

    static JsonNode compose;
    static JsonNode services;
    static Map<String, AppYml> appYml = new HashMap<>();

    /** The environment variables an application.yml reads, with their defaults. */
    record AppYml(Map<String, String> defaults) {
        static AppYml read(Path file) throws IOException {
            Map<String, String> defaults = new LinkedHashMap<>();
            Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}").matcher(Files.readString(file));
            while (m.find()) {
                defaults.put(m.group(1), m.group(2));
            }
            return new AppYml(defaults);
        }
    }

    @BeforeAll
    static void read() throws IOException {
        compose = YAML.readTree(DIR.resolve("compose.yaml").toFile());
        services = compose.get("services");
        for (String app : APPS.keySet()) {
            appYml.put(app, AppYml.read(REPO.resolve(APPS.get(app)).resolve("src/main/resources/application.yml")));
        }
    }

    // ---------------------------------------------------------------------------------------------------- parts

    @Test
    void theWholeSystemIsThere() {
        assertThat(names(services))
                .containsExactlyInAnyOrder(
                        "mongo",
                        "mongo-init",
                        "kafka",
                        "kafka-init",
                        "ledger-service",
                        "projection-service",
                        "prometheus",
                        "grafana");
        assertThat(services.at("/mongo/image").asText()).startsWith("mongo:7");
        assertThat(services.at("/mongo-init/image").asText())
                .isEqualTo(services.at("/mongo/image").asText());
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(services.at("/kafka-init/image").asText())
                .isEqualTo(services.at("/kafka/image").asText());
        assertThat(services.at("/prometheus/image").asText()).startsWith("prom/prometheus:");
        assertThat(services.at("/grafana/image").asText()).startsWith("grafana/grafana:");
    }

    @Test
    void everyBuildContextAndDockerfileExists() {
        for (String app : APPS.keySet()) {
            JsonNode build = services.get(app).get("build");
            assertThat(build).as(app + " is built here").isNotNull();
            Path context = DIR.resolve(build.get("context").asText()).normalize();
            assertThat(context).as(app + " context").isEqualTo(REPO).isDirectory();
            Path dockerfile = context.resolve(build.get("dockerfile").asText());
            assertThat(dockerfile).as(app + " dockerfile").isRegularFile().isEqualTo(DIR.resolve(app + ".Dockerfile"));
        }
    }

    @Test
    void everyFileMountedFromTheRepositoryExists() {
        List<String> mounts = new ArrayList<>();
        services.fields()
                .forEachRemaining(s -> s.getValue().path("volumes").forEach(v -> {
                    String source = v.asText().split(":")[0];
                    if (source.startsWith(".") || source.startsWith("/")) {
                        mounts.add(source);
                        assertThat(DIR.resolve(source).normalize())
                                .as("%s mounts %s", s.getKey(), source)
                                .exists();
                    } else {
                        assertThat(compose.at("/volumes").has(source))
                                .as("named volume %s is declared", source)
                                .isTrue();
                    }
                }));
        assertThat(mounts)
                .contains(
                        "./prometheus/prometheus.yml",
                        "./prometheus/alerts.yml",
                        "./grafana/provisioning/datasources",
                        "./grafana/provisioning/dashboards",
                        "./grafana/dashboards");
    }

    // ---------------------------------------------------------------------------------------------------- health

    @Test
    void everyLongRunningPartHasAHealthcheckAndIsHealthyBeforeItIsNeeded() {
        services.fields().forEachRemaining(s -> {
            if (!s.getKey().endsWith("-init")) {
                assertThat(s.getValue().at("/healthcheck/test").isMissingNode())
                        .as(s.getKey() + " healthcheck")
                        .isFalse();
            }
            s.getValue().path("depends_on").fields().forEachRemaining(d -> {
                String condition = d.getValue().path("condition").asText();
                assertThat(condition)
                        .as("%s depends on %s", s.getKey(), d.getKey())
                        .isIn("service_healthy", "service_completed_successfully", "service_started");
                if (condition.equals("service_healthy")) {
                    assertThat(services.at("/" + d.getKey() + "/healthcheck").isMissingNode())
                            .isFalse();
                }
            });
        });
        for (String app : APPS.keySet()) {
            JsonNode depends = services.get(app).get("depends_on");
            assertThat(depends.at("/mongo-init/condition").asText())
                    .as(app)
                    .isEqualTo("service_completed_successfully");
            // the principals and their ACLs exist before a service connects as one
            assertThat(depends.at("/kafka-init/condition").asText())
                    .as(app)
                    .isEqualTo("service_completed_successfully");
            assertThat(depends.at("/mongo/condition").asText()).as(app).isEqualTo("service_healthy");
            String port = env(app).get("SERVER_PORT");
            assertThat(services.get(app).at("/healthcheck/test").toString())
                    .as(app)
                    .contains("127.0.0.1:" + port + "/actuator/health");
        }
        assertThat(services.at("/projection-service/depends_on/ledger-service/condition")
                        .asText())
                .isEqualTo("service_healthy");
        assertThat(services.at("/mongo-init/depends_on/mongo/condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.at("/kafka-init/depends_on/kafka/condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.at("/grafana/depends_on/prometheus/condition").asText())
                .isEqualTo("service_healthy");
    }

    // ---------------------------------------------------------------------------------------------------- settings

    @Test
    void mongoIsAReplicaSetAndTheServicesConnectToIt() {
        String command = services.at("/mongo/command").toString();
        Matcher replSet = Pattern.compile("--replSet (\\w+)").matcher(command);
        assertThat(replSet.find()).as("mongod --replSet in %s", command).isTrue();
        String rs = replSet.group(1);

        String init = services.at("/mongo-init/command").toString();
        assertThat(init)
                .contains("rs.initiate")
                .contains("_id: \\\"" + rs + "\\\"")
                .contains("host: \\\"mongo:27017\\\"")
                .contains("isWritablePrimary");

        assertThat(env("ledger-service").get("MONGODB_URI"))
                .startsWith("mongodb://ledger:${MONGO_LEDGER_PASSWORD:?")
                .endsWith("@mongo:27017/ledger?replicaSet=" + rs + "&authSource=ledger");
        assertThat(env("projection-service").get("MONGODB_URI"))
                .startsWith("mongodb://projection:${MONGO_PROJECTION_PASSWORD:?")
                .endsWith("@mongo:27017/projection?replicaSet=" + rs + "&authSource=projection");
        // the same databases as the services' defaults
        assertThat(appYml.get("ledger-service").defaults().get("MONGODB_URI")).endsWith("/ledger");
        assertThat(appYml.get("projection-service").defaults().get("MONGODB_URI"))
                .endsWith("/projection");
    }

    @Test
    void mongoRunsWithAuthenticationAndEachServiceHasItsOwnDatabaseOnly() {
        String command = services.at("/mongo/command").toString();
        assertThat(command).contains("--auth").contains("--keyFile");
        JsonNode mongoEnv = services.at("/mongo/environment");
        assertThat(mongoEnv.path("MONGO_INITDB_ROOT_PASSWORD").asText()).startsWith("${MONGO_ROOT_PASSWORD:?");
        String init = services.at("/mongo-init/command").toString();
        assertThat(init)
                .contains("[\\\"ledger\\\", process.env.MONGO_LEDGER_PASSWORD]")
                .contains("[\\\"projection\\\", process.env.MONGO_PROJECTION_PASSWORD]")
                .contains("{ role: \\\"readWrite\\\", db: service }")
                .doesNotContain("readWriteAnyDatabase")
                .doesNotContain("root\\\" }");
    }

    @Test
    void servicesEnvironmentIsWhatTheirApplicationYmlReads() {
        for (String app : APPS.keySet()) {
            Map<String, String> env = env(app);
            Map<String, String> reads = appYml.get(app).defaults();
            assertThat(env.keySet())
                    .as("%s: variables its application.yml reads (%s)", app, reads.keySet())
                    .allMatch(name -> reads.containsKey(name) || name.equals("JAVA_TOOL_OPTIONS"));
            assertThat(env)
                    .containsKeys("SERVER_PORT", "MONGODB_URI", "KAFKA_BOOTSTRAP_SERVERS", "LEDGER_EVENTS_TOPIC");
            // ports: the default of application.yml, the container port published, the image's EXPOSE
            String port = env.get("SERVER_PORT");
            assertThat(port).isEqualTo(reads.get("SERVER_PORT"));
            assertThat(texts(services.get(app).get("ports"))).contains(port + ":" + port);
            // topics as the services default them, the same for both
            for (String topic : List.of(
                    "LEDGER_POSTINGS_TOPIC", "LEDGER_DLQ_TOPIC", "LEDGER_EVENTS_TOPIC", "LEDGER_TOPIC_PARTITIONS")) {
                if (env.containsKey(topic)) {
                    assertThat(env.get(topic)).as("%s %s", app, topic).isEqualTo(reads.get(topic));
                }
            }
        }
        assertThat(env("ledger-service")).containsKeys("LEDGER_POSTINGS_TOPIC", "LEDGER_DLQ_TOPIC");
        assertThat(env("ledger-service").get("SERVER_PORT")).isEqualTo("8081");
        assertThat(env("projection-service").get("SERVER_PORT")).isEqualTo("8082");
    }

    @Test
    void projectionReachesTheLedgerServiceByNameAndPort() {
        assertThat(env("projection-service").get("LEDGER_SERVICE_URL"))
                .isEqualTo("http://ledger-service:" + env("ledger-service").get("SERVER_PORT"));
    }

    @Test
    void kafkaIsASingleKraftNodeTheServicesReach() {
        Map<String, String> kafka = brokerProperties();
        assertThat(kafka.get("process.roles")).isEqualTo("broker,controller");
        assertThat(kafka.get("controller.quorum.voters")).isEqualTo(kafka.get("node.id") + "@kafka:9093");
        assertThat(kafka.get("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(kafka.get("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(env("kafka")).containsKey("CLUSTER_ID");
        // the relay's consumer group asks for LEDGER_RELAY_SESSION_TIMEOUT: the broker's minimum (6 s unless set) must
        // allow it
        String relaySession = env("ledger-service")
                .getOrDefault(
                        "LEDGER_RELAY_SESSION_TIMEOUT",
                        appYml.get("ledger-service").defaults().get("LEDGER_RELAY_SESSION_TIMEOUT"));
        assertThat(kafka).containsKey("group.min.session.timeout.ms");
        assertThat(Long.parseLong(kafka.get("group.min.session.timeout.ms")))
                .as("group.min.session.timeout.ms against LEDGER_RELAY_SESSION_TIMEOUT=%s", relaySession)
                .isLessThanOrEqualTo(millis(relaySession));
        List<String> advertised = List.of(kafka.get("advertised.listeners").split(","));
        for (String app : APPS.keySet()) {
            String bootstrap = env(app).get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(advertised)
                    .as("%s bootstraps from %s", app, bootstrap)
                    .anyMatch(l -> l.endsWith("//" + bootstrap));
        }
    }

    /** As the local stack: every listener authenticates, and what no ACL grants is denied. */
    @Test
    void kafkaAuthenticatesEveryClientAndDeniesWhatNoAclGrants() {
        Map<String, String> kafka = brokerProperties();
        for (String mapping : kafka.get("listener.security.protocol.map").split(",")) {
            assertThat(mapping.split(":")[1]).as(mapping).startsWith("SASL_");
        }
        assertThat(kafka.get("authorizer.class.name"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.get("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(kafka.get("super.users")).isEqualTo("User:broker");
        assertThat(kafka.get("listener.name.host.sasl.enabled.mechanisms"))
                .as("clients on the host: SCRAM only")
                .isEqualTo("SCRAM-SHA-512");
        assertThat(env("kafka").get("KAFKA_BROKER_PASSWORD")).startsWith("${KAFKA_BROKER_PASSWORD:?");

        // each service its own principal, its password from docker/.env
        for (String[] app : new String[][] {
            {"ledger-service", "KAFKA_LEDGER_PASSWORD"}, {"projection-service", "KAFKA_PROJECTION_PASSWORD"}
        }) {
            assertThat(env(app[0]).get("KAFKA_USERNAME")).isEqualTo(app[0]);
            assertThat(env(app[0]).get("KAFKA_PASSWORD")).startsWith("${" + app[1] + ":?");
            assertThat(env("kafka-init").get(app[1])).startsWith("${" + app[1] + ":?");
            assertThat(env(app[0])).doesNotContainKey("KAFKA_ALLOW_UNAUTHENTICATED");
        }
        // the ACLs: the ledger alone writes ledger.events, the poster only ledger.postings
        List<String> acls = services.at("/kafka-init/command/0")
                .asText()
                .lines()
                .filter(l -> l.trim().startsWith("acl "))
                .toList();
        assertThat(acls)
                .filteredOn(l -> l.contains("--topic ledger.events") && l.contains("Write"))
                .singleElement()
                .asString()
                .contains("User:ledger-service");
        assertThat(acls)
                .filteredOn(l -> l.contains("User:poster"))
                .singleElement()
                .asString()
                .contains("--operation Write", "--topic ledger.postings")
                .doesNotContain("ledger.events", "--group");
        assertThat(acls).filteredOn(l -> l.contains("User:projection-service")).noneMatch(l -> l.contains("Write"));
    }

    /** The broker's configuration as the kafka service writes it at start (a here-document in its command). */
    static Map<String, String> brokerProperties() {
        String command = services.at("/kafka/command/0").asText();
        Matcher block = Pattern.compile("cat > /tmp/server.properties <<EOF\n(.*?)\nEOF", Pattern.DOTALL)
                .matcher(command);
        assertThat(block.find())
                .as("the kafka service writes /tmp/server.properties")
                .isTrue();
        Map<String, String> properties = new LinkedHashMap<>();
        block.group(1).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            String[] kv = l.split("=", 2);
            properties.put(kv[0].trim(), kv[1].trim());
        });
        return properties;
    }

    // ---------------------------------------------------------------------------------------------------- access
    // control

    /** The API keys, one per role, and what the poster key may post as: every service gets them all. */
    static final List<String> ACCESS_ENV = List.of(
            "LEDGER_ADMIN_KEY",
            "LEDGER_POSTER_KEY",
            "LEDGER_AUDITOR_KEY",
            "LEDGER_VIEWER_KEY",
            "LEDGER_POSTER_SOURCE_SYSTEMS");
    /** ${NAME:?message}: Compose refuses to run while the variable is unset or empty. */
    static final Pattern REQUIRED = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):\\?[^}]+}$");
    /** A whole value that is one interpolation, ${NAME}, ${NAME:-default} or ${NAME:?message}. */
    static final Pattern INTERPOLATION = Pattern.compile("^\\$\\{[A-Z][A-Z0-9_]*(:?[-?][^}]*)?}$");

    static final Pattern SECRET_LIKE_NAME = Pattern.compile("(?i).*(_KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL).*");

    @Test
    void everyServiceGetsTheApiKeysFromTheOperatorsEnvironment() {
        for (String app : APPS.keySet()) {
            Map<String, String> env = env(app);
            Map<String, String> reads = appYml.get(app).defaults();
            for (String name : ACCESS_ENV) {
                assertThat(reads).as("%s's application.yml reads %s", app, name).containsKey(name);
                assertThat(env).as(app).containsKey(name);
                Matcher required = REQUIRED.matcher(env.get(name));
                assertThat(required.matches())
                        .as("%s %s=%s is required from the environment / docker/.env", app, name, env.get(name))
                        .isTrue();
                assertThat(required.group(1)).as("%s %s", app, name).isEqualTo(name);
                assertThat(env.get(name))
                        .as("%s %s: the message tells where to set it", app, name)
                        .contains("docker/.env");
            }
            // the identity provider is optional: empty unless docker/.env sets it
            for (String name : List.of("JWT_ISSUER_URI", "JWT_JWK_SET_URI", "JWT_AUDIENCE")) {
                assertThat(env.get(name)).as("%s %s", app, name).isEqualTo("${" + name + ":-}");
            }
        }
        assertThat(ACCESS_ENV.stream().map(n -> env("ledger-service").get(n)).toList())
                .isEqualTo(ACCESS_ENV.stream()
                        .map(n -> env("projection-service").get(n))
                        .toList());
    }

    @Test
    void projectionReadsTheLedgerWithTheAuditorKey() {
        assertThat(appYml.get("projection-service").defaults()).containsKey("LEDGER_SERVICE_API_KEY");
        Matcher required = REQUIRED.matcher(env("projection-service").get("LEDGER_SERVICE_API_KEY"));
        assertThat(required.matches())
                .as("LEDGER_SERVICE_API_KEY=%s", env("projection-service").get("LEDGER_SERVICE_API_KEY"))
                .isTrue();
        assertThat(required.group(1)).isEqualTo("LEDGER_AUDITOR_KEY");
        // the key the ledger knows as the auditor's
        assertThat(env("ledger-service").get("LEDGER_AUDITOR_KEY")).startsWith("${LEDGER_AUDITOR_KEY:?");
        assertThat(env("ledger-service")).doesNotContainKey("LEDGER_SERVICE_API_KEY");
    }

    @Test
    void prometheusScrapesWithTheViewerKeyFromAMountedSecret() throws IOException {
        JsonNode prometheus =
                YAML.readTree(DIR.resolve("prometheus/prometheus.yml").toFile());
        JsonNode mounted = services.at("/prometheus/secrets");
        assertThat(mounted.isArray()).as("prometheus mounts secrets").isTrue();
        Map<String, String> secretFiles = new HashMap<>(); // path in the container -> secret
        mounted.forEach(m -> {
            String source = m.isTextual() ? m.asText() : m.get("source").asText();
            String target = m.isTextual() ? source : m.path("target").asText(source);
            secretFiles.put(target.startsWith("/") ? target : "/run/secrets/" + target, source);
        });
        for (String app : APPS.keySet()) {
            JsonNode job = null;
            for (JsonNode j : prometheus.get("scrape_configs")) {
                if (j.get("job_name").asText().equals(app)) {
                    job = j;
                }
            }
            assertThat(job).as("scrape job " + app).isNotNull();
            JsonNode authorization = job.get("authorization");
            assertThat(authorization).as("%s scrape authorization", app).isNotNull();
            assertThat(authorization.get("type").asText()).as(app).isEqualTo("ApiKey");
            assertThat(authorization.has("credentials"))
                    .as("%s: no key written in prometheus.yml", app)
                    .isFalse();
            assertThat(job.has("basic_auth") || job.has("bearer_token") || job.has("oauth2"))
                    .as(app)
                    .isFalse();
            String file = authorization.get("credentials_file").asText();
            assertThat(secretFiles)
                    .as("%s's credentials_file %s is a secret mounted into prometheus", app, file)
                    .containsKey(file);

            // ... declared at the top level from the viewer key of the environment, which both services know
            JsonNode secret = compose.at("/secrets/" + secretFiles.get(file));
            assertThat(secret.isMissingNode())
                    .as("top-level secret %s", secretFiles.get(file))
                    .isFalse();
            assertThat(secret.path("file").isMissingNode())
                    .as("no key file in the repository")
                    .isTrue();
            assertThat(secret.path("environment").asText()).isEqualTo("LEDGER_VIEWER_KEY");
            assertThat(env(app).get("LEDGER_VIEWER_KEY")).startsWith("${LEDGER_VIEWER_KEY:?");
        }
        assertThat(services.at("/prometheus/environment").isMissingNode())
                .as("no key in prometheus' environment")
                .isTrue();
    }

    @Test
    void noKeyIsWrittenInACommittedFile() throws IOException {
        services.fields()
                .forEachRemaining(s -> env(s.getKey()).forEach((name, value) -> {
                    if (SECRET_LIKE_NAME.matcher(name).matches()) {
                        assertThat(value)
                                .as("%s %s: only an interpolation of the environment", s.getKey(), name)
                                .matches(INTERPOLATION);
                    }
                }));
        // not even a default: ${LEDGER_VIEWER_KEY:-abc} would be a key in the file
        String composeText = Files.readString(DIR.resolve("compose.yaml"));
        Matcher withDefault =
                Pattern.compile("\\$\\{(LEDGER_[A-Z_]*KEY)(:?-)[^}]*}").matcher(composeText);
        assertThat(withDefault.find())
                .as("a key variable with a default in compose.yaml")
                .isFalse();

        String prometheusText = Files.readString(DIR.resolve("prometheus/prometheus.yml"));
        assertThat(prometheusText).doesNotContainPattern("(?m)^\\s*(credentials|bearer_token|password)\\s*:");

        // the operator's docker/.env is never committed; the example holds placeholders only
        assertThat(Files.readAllLines(DIR.resolve(".gitignore"))).contains(".env");
        Map<String, String> example = dotenv(DIR.resolve(".env.example"));
        Set<String> required = new TreeSet<>();
        Matcher requiredVar = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):\\?").matcher(composeText);
        while (requiredVar.find()) {
            required.add(requiredVar.group(1));
        }
        assertThat(required).containsAll(ACCESS_ENV);
        assertThat(example.keySet())
                .as("docker/.env.example names every variable compose.yaml requires")
                .containsAll(required);
        example.forEach((name, value) -> {
            if (name.endsWith("_KEY")) {
                assertThat(value)
                        .as("%s in .env.example is a placeholder", name)
                        .isEqualTo("change-me");
            }
        });
        assertThat(Files.readString(DIR.resolve(".env.example"))).contains("openssl rand -hex 24");
    }

    @Test
    void closedByDefaultOnlyTheTwoApisListenBeyondThisMachine() {
        services.fields().forEachRemaining(service -> {
            for (String published : texts(service.getValue().path("ports"))) {
                boolean api = service.getKey().equals("ledger-service")
                        || service.getKey().equals("projection-service");
                assertThat(published)
                        .as("%s publishes %s", service.getKey(), published)
                        .matches(api ? "\\d+:\\d+" : "127\\.0\\.0\\.1:\\d+:\\d+");
            }
        });
        assertThat(texts(services.at("/prometheus/command")))
                .as("no lifecycle API (shutdown, reload) for whoever reaches Prometheus")
                .noneMatch(arg -> arg.contains("enable-lifecycle"));
        JsonNode grafana = services.at("/grafana/environment");
        assertThat(grafana.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
        assertThat(grafana.path("GF_SECURITY_ADMIN_PASSWORD").asText()).startsWith("${GRAFANA_ADMIN_PASSWORD:?");
    }

    // ---------------------------------------------------------------------------------------------------- monitoring

    @Test
    void prometheusScrapesBothServices() throws IOException {
        JsonNode prometheus =
                YAML.readTree(DIR.resolve("prometheus/prometheus.yml").toFile());
        Map<String, JsonNode> jobs = new HashMap<>();
        prometheus.get("scrape_configs").forEach(j -> jobs.put(j.get("job_name").asText(), j));
        for (String app : APPS.keySet()) {
            JsonNode job = jobs.get(app);
            assertThat(job).as("scrape job " + app).isNotNull();
            assertThat(job.get("metrics_path").asText()).isEqualTo("/actuator/prometheus");
            assertThat(texts(job.at("/static_configs/0/targets")))
                    .containsExactly(app + ":" + env(app).get("SERVER_PORT"));
        }
        // the rule files it loads are mounted where it looks
        List<String> volumes = texts(services.at("/prometheus/volumes"));
        prometheus.get("rule_files").forEach(f -> assertThat(volumes).anyMatch(v -> v.contains(":" + f.asText())));
        assertThat(volumes).anyMatch(v -> v.startsWith("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml"));
        assertThat(texts(services.at("/prometheus/command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
    }

    @Test
    void alertRulesUseOnlyTheServicesMetrics() throws IOException {
        JsonNode alerts = YAML.readTree(DIR.resolve("prometheus/alerts.yml").toFile());
        Set<String> names = new TreeSet<>();
        alerts.get("groups")
                .forEach(g -> g.get("rules").forEach(r -> {
                    names.add(r.get("alert").asText());
                    Set<String> metrics = PromQl.metricNames(r.get("expr").asText());
                    assertThat(metrics).as(r.get("alert").asText()).isNotEmpty();
                    assertThat(Metrics.ALERTABLE).as(r.get("alert").asText()).containsAll(metrics);
                }));
        assertThat(names)
                .contains(
                        "BudgetLedgerKafkaConsumerLagHigh",
                        "BudgetLedgerProjectionLagHigh",
                        "BudgetLedgerDlqGrowing",
                        "BudgetLedgerRejectedPostingsHigh",
                        "BudgetLedgerDivergence",
                        "BudgetLedgerRelayLagHigh",
                        "BudgetLedgerRelayPartitionsUnpublished");
        Map<String, JsonNode> rules = new HashMap<>();
        alerts.get("groups")
                .forEach(g ->
                        g.get("rules").forEach(r -> rules.put(r.get("alert").asText(), r)));
        // a divergence pages at once
        assertThat(rules.get("BudgetLedgerDivergence").at("/labels/severity").asText())
                .isEqualTo("critical");
        assertThat(rules.get("BudgetLedgerDivergence").has("for")).isFalse();
        assertThat(rules.get("BudgetLedgerDivergence").get("expr").asText())
                .contains("ledger-service|projection-service");
        // every partition of ledger.events has a publisher: as many as the services create
        String partitions = env("ledger-service")
                .getOrDefault(
                        "LEDGER_TOPIC_PARTITIONS",
                        appYml.get("ledger-service").defaults().get("LEDGER_TOPIC_PARTITIONS"));
        assertThat(rules.get("BudgetLedgerRelayPartitionsUnpublished")
                        .get("expr")
                        .asText())
                .contains("ledger_relay_partitions{")
                .endsWith(" < " + partitions);
        assertThat(rules.get("BudgetLedgerRelayLagHigh").get("expr").asText()).contains("quantile=\"0.99\"");
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheDashboard() throws IOException {
        JsonNode datasources = YAML.readTree(
                DIR.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
        JsonNode datasource = datasources.at("/datasources/0");
        assertThat(datasource.get("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(texts(services.at("/prometheus/ports"))).contains("127.0.0.1:9090:9090");

        JsonNode providers = YAML.readTree(
                DIR.resolve("grafana/provisioning/dashboards/budget-ledger.yml").toFile());
        String path = providers.at("/providers/0/options/path").asText();
        List<String> volumes = texts(services.at("/grafana/volumes"));
        assertThat(volumes).contains("./grafana/dashboards:" + path + ":ro");
        assertThat(volumes)
                .anyMatch(
                        v -> v.startsWith("./grafana/provisioning/datasources:/etc/grafana/provisioning/datasources"));
        assertThat(volumes)
                .anyMatch(v -> v.startsWith("./grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards"));

        // the dashboard's data source: the provisioned one, directly or through a variable of its type
        JsonNode dashboard = JSON.readTree(
                DIR.resolve("grafana/dashboards/budget-ledger.json").toFile());
        JsonNode variable = null;
        for (JsonNode v : dashboard.at("/templating/list")) {
            if (v.get("type").asText().equals("datasource")) {
                variable = v;
            }
        }
        assertThat(variable).isNotNull();
        assertThat(variable.get("query").asText()).isEqualTo("prometheus");
        assertThat(variable.at("/current/value").asText())
                .isEqualTo(datasource.get("uid").asText());
        String uidRef = "${" + variable.get("name").asText() + "}";
        for (JsonNode panel : dashboard.get("panels")) {
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.at("/datasource/uid").asText())
                        .as(panel.get("title").asText())
                        .isEqualTo(uidRef);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static Map<String, String> env(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = services.get(service).path("environment");
        if (node.isArray()) {
            node.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    /** Milliseconds of a Spring Boot duration as the services read it: 3s, 200ms, 1m, or a bare number of ms. */
    static long millis(String duration) {
        Matcher m = Pattern.compile("^(\\d+)(ms|s|m)?$").matcher(duration.trim());
        assertThat(m.matches()).as("duration %s", duration).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null || m.group(2).equals("ms") ? n : m.group(2).equals("s") ? n * 1000 : n * 60_000;
    }

    /** NAME=value lines of a Compose .env file (comments and blank lines left out). */
    static Map<String, String> dotenv(Path file) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                vars.put(
                        trimmed.substring(0, trimmed.indexOf('=')).trim(),
                        trimmed.substring(trimmed.indexOf('=') + 1).trim());
            }
        }
        return vars;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
