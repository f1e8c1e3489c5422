package io.tailor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.contracts.Topics;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Kafka, PostgreSQL and Redis as the services expect them: every topic of the contracts with partitions and
 * retention, enough partitions for every consumer the autoscalers may start, one database and role per service, the
 * addresses in the ConfigMaps matching what the operators create, and PostgreSQL connections within the server's
 * limit at the autoscalers' maximum.
 */
class InfrastructureTest {

    static final List<String> OVERLAYS = Kustomize.OVERLAYS;

    /**
     * Topics whose consumers may outnumber partitions: a handful of messages a day, so an idle consumer costs nothing
     * and the group still gets every message.
     */
    private static final Set<String> LOW_VOLUME = Set.of(Topics.PRIVACY_REQUESTS, Topics.PRIVACY_RESULTS);

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContractTopicIsDeclaredWithRetention(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        String cluster = Kustomize.name(r.ofKind("Kafka").getFirst());
        Set<String> declared = new TreeSet<>();
        for (JsonNode topic : r.ofKind("KafkaTopic")) {
            JsonNode spec = topic.path("spec");
            String name = spec.path("topicName").asText(Kustomize.name(topic));
            declared.add(name);
            assertThat(topic.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .isEqualTo(cluster);
            assertThat(spec.path("partitions").asInt())
                    .as("%s partitions", name)
                    .isPositive();
            JsonNode config = spec.path("config");
            boolean compacted = config.path("cleanup.policy").asText().contains("compact");
            assertThat(compacted || config.path("retention.ms").asLong() > 0)
                    .as("%s: a retention or compaction", name)
                    .isTrue();
            assertThat(config.path("min.insync.replicas").asInt(1))
                    .as("%s: min.insync.replicas below the replication factor", name)
                    .isLessThanOrEqualTo(Math.max(1, spec.path("replicas").asInt() - 1));
        }
        assertThat(declared).isEqualTo(new TreeSet<>(Topics.ALL));
    }

    @Test
    void productionTopicsSurviveTheLossOfABroker() {
        Kustomize.Rendered r = Kustomize.render("overlays/production");
        int brokers = r.ofKind("KafkaNodePool").stream()
                .mapToInt(p -> p.path("spec").path("replicas").asInt())
                .sum();
        for (JsonNode topic : r.ofKind("KafkaTopic")) {
            assertThat(topic.path("spec").path("replicas").asInt()).isEqualTo(3).isLessThanOrEqualTo(brokers);
            assertThat(topic.path("spec")
                            .path("config")
                            .path("min.insync.replicas")
                            .asInt())
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void partitionsCoverEveryConsumerTheAutoscalerMayStart(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode d : r.services()) {
            String service = Kustomize.name(d);
            int maxReplicas = r.get("HorizontalPodAutoscaler", service)
                    .path("spec")
                    .path("maxReplicas")
                    .asInt();
            for (ServiceConfig.Incoming in : ServiceConfig.of(service).incoming()) {
                assertThat(Topics.ALL)
                        .as("%s channel %s", service, in.channel())
                        .contains(in.topic());
                if (in.perReplica() || LOW_VOLUME.contains(in.topic())) {
                    continue;
                }
                int partitions = partitions(r, in.topic());
                if (maxReplicas * in.consumers() > partitions) {
                    problems.add("%s: %s may run %d x %d consumers of %s, which has %d partitions"
                            .formatted(overlay, service, maxReplicas, in.consumers(), in.topic(), partitions));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceHasItsOwnDatabaseAndRole(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        Kustomize.Rendered local = Kustomize.render("overlays/local");
        JsonNode cluster = r.ofKind("Cluster").getFirst();
        Map<String, String> ownerByDatabase = new java.util.TreeMap<>();
        JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
        ownerByDatabase.put(
                initdb.path("database").asText(), initdb.path("owner").asText());
        for (JsonNode db : r.ofKind("Database")) {
            assertThat(db.path("spec").path("cluster").path("name").asText()).isEqualTo(Kustomize.name(cluster));
            ownerByDatabase.put(
                    db.path("spec").path("name").asText(),
                    db.path("spec").path("owner").asText());
        }
        Set<String> roleSecrets = new TreeSet<>();
        roleSecrets.add(initdb.path("secret").path("name").asText());
        cluster.path("spec").path("managed").path("roles").forEach(role -> {
            roleSecrets.add(role.path("passwordSecret").path("name").asText());
            assertThat(role.path("login").asBoolean()).isTrue();
        });
        Set<String> databases = new TreeSet<>();
        for (JsonNode d : r.services()) {
            Map<String, String> env = ServiceConfigurationTest.environment(r, d);
            String database = env.get("DB_NAME");
            assertThat(databases.add(database))
                    .as("%s shares database %s", Kustomize.name(d), database)
                    .isTrue();
            assertThat(env.get("DB_HOST")).isEqualTo(Kustomize.name(cluster) + "-rw");
            assertThat(ownerByDatabase).as("database of %s", Kustomize.name(d)).containsKey(database);
            String secret = secretOf(d, "DB_USER");
            assertThat(secretOf(d, "DB_PASSWORD")).isEqualTo(secret);
            assertThat(roleSecrets)
                    .as("the role of %s is managed", Kustomize.name(d))
                    .contains(secret);
            String user = new String(Base64.getDecoder()
                    .decode(local.get("Secret", secret)
                            .path("data")
                            .path("username")
                            .asText()));
            assertThat(ownerByDatabase.get(database))
                    .as("owner of %s", database)
                    .isEqualTo(user);
        }
        assertThat(ownerByDatabase.keySet()).isEqualTo(databases);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void postgresConnectionsFitAtTheAutoscalersMaximum(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        int maxConnections = r.ofKind("Cluster")
                .getFirst()
                .path("spec")
                .path("postgresql")
                .path("parameters")
                .path("max_connections")
                .asInt(100);
        int needed = 0;
        for (JsonNode d : r.services()) {
            String service = Kustomize.name(d);
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, String> env = ServiceConfigurationTest.environment(r, d);
            int reactive = Integer.parseInt(env.getOrDefault(
                    "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE",
                    config.value("quarkus.datasource.reactive.max-size").orElse("20")));
            int jdbc = Integer.parseInt(env.getOrDefault(
                    "QUARKUS_DATASOURCE_JDBC_MAX_SIZE",
                    config.value("quarkus.datasource.jdbc.max-size").orElse("20")));
            int max = r.get("HorizontalPodAutoscaler", service)
                    .path("spec")
                    .path("maxReplicas")
                    .asInt();
            String surge = d.path("spec")
                    .path("strategy")
                    .path("rollingUpdate")
                    .path("maxSurge")
                    .asText("25%");
            int pods = max + surge(surge, max);
            needed += pods * (reactive + jdbc);
        }
        // PostgreSQL keeps superuser_reserved_connections (3) for administration.
        assertThat(needed)
                .as("%s: connections at the autoscalers' maximum during a rolling update", overlay)
                .isLessThanOrEqualTo(maxConnections - 3);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafkaAndRedisAddressesMatchWhatIsDeployed(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        JsonNode kafka = r.ofKind("Kafka").getFirst();
        int port = kafka.path("spec")
                .path("kafka")
                .path("listeners")
                .get(0)
                .path("port")
                .asInt();
        for (JsonNode d : r.services()) {
            Map<String, String> env = ServiceConfigurationTest.environment(r, d);
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS"))
                    .isEqualTo(Kustomize.name(kafka) + "-kafka-bootstrap:" + port);
            URI redis = URI.create(env.get("REDIS_URL"));
            JsonNode service = r.get("Service", redis.getHost());
            assertThat(service.path("spec").path("ports").get(0).path("port").asInt())
                    .isEqualTo(redis.getPort());
        }
    }

    static int surge(String value, int replicas) {
        if (value.endsWith("%")) {
            int percent = Integer.parseInt(value.substring(0, value.length() - 1));
            return (int) Math.ceil(replicas * percent / 100.0);
        }
        return Integer.parseInt(value);
    }

    private static int partitions(Kustomize.Rendered r, String topic) {
        return r.ofKind("KafkaTopic").stream()
                .filter(t -> topic.equals(t.path("spec").path("topicName").asText(Kustomize.name(t))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic " + topic))
                .path("spec")
                .path("partitions")
                .asInt();
    }

    private static String secretOf(JsonNode deployment, String variable) {
        for (JsonNode var : ServiceConfigurationTest.container(deployment).path("env")) {
            if (variable.equals(var.path("name").asText())) {
                return var.path("valueFrom").path("secretKeyRef").path("name").asText();
            }
        }
        throw new AssertionError(Kustomize.name(deployment) + " gets no " + variable + " from a Secret");
    }
}
