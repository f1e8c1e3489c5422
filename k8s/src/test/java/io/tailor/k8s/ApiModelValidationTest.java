package io.tailor.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every rendered object is a valid Kubernetes object: built-in kinds are read into the typed fabric8 Kubernetes model
 * (wrong types fail) and no field may be left over (a misspelt or misplaced field would be silently ignored by
 * {@code kubectl apply --validate=false} and is a failure here); the operators' resources are checked against the
 * fields of their published CRDs (Strimzi v1beta2, CloudNativePG v1) that Tailor uses.
 */
class ApiModelValidationTest {

    static final List<String> KUSTOMIZATIONS = Kustomize.ALL;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** apiVersion/kind → the typed model. Anything else must be one of the custom resources below. */
    private static final Map<String, Class<? extends HasMetadata>> BUILT_IN = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** The spec fields Tailor may use in each custom resource (from the operators' CRDs), and those required. */
    private record CrdFields(Set<String> allowed, Set<String> required) {}

    private static final Map<String, CrdFields> CUSTOM = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka",
            new CrdFields(
                    Set.of(
                            "kafka",
                            "entityOperator",
                            "cruiseControl",
                            "kafkaExporter",
                            "clusterCa",
                            "clientsCa",
                            "maintenanceTimeWindows"),
                    Set.of("kafka")),
            "kafka.strimzi.io/v1beta2/KafkaNodePool",
            new CrdFields(
                    Set.of("replicas", "roles", "storage", "resources", "jvmOptions", "template"),
                    Set.of("replicas", "roles", "storage")),
            "kafka.strimzi.io/v1beta2/KafkaTopic",
            new CrdFields(Set.of("topicName", "partitions", "replicas", "config"), Set.of("partitions", "replicas")),
            "postgresql.cnpg.io/v1/Cluster",
            new CrdFields(
                    Set.of(
                            "instances",
                            "imageName",
                            "primaryUpdateStrategy",
                            "postgresql",
                            "bootstrap",
                            "managed",
                            "storage",
                            "walStorage",
                            "resources",
                            "affinity",
                            "monitoring",
                            "backup",
                            "enableSuperuserAccess",
                            "superuserSecret"),
                    Set.of("instances", "storage")),
            "postgresql.cnpg.io/v1/Database",
            new CrdFields(
                    Set.of("cluster", "name", "owner", "ensure", "encoding", "locale", "template"),
                    Set.of("cluster", "name", "owner")));

    private static final Set<String> KAFKA_FIELDS = Set.of(
            "version",
            "metadataVersion",
            "listeners",
            "config",
            "authorization",
            "rack",
            "logging",
            "metricsConfig",
            "template",
            "resources",
            "jvmOptions",
            "image",
            "livenessProbe",
            "readinessProbe",
            "jmxOptions",
            "quotas");

    private static final Set<String> LISTENER_FIELDS =
            Set.of("name", "port", "type", "tls", "authentication", "configuration", "networkPolicyPeers");

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void everyObjectValidatesAgainstItsApi(String kustomization) throws Exception {
        Kustomize.Rendered rendered = Kustomize.render(kustomization);
        assertThat(rendered.objects())
                .as("objects rendered by %s", kustomization)
                .isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (JsonNode object : rendered.objects()) {
            String type = object.path("apiVersion").asText() + "/"
                    + object.path("kind").asText();
            String where = kustomization + ": " + Kustomize.describe(object);
            if (Kustomize.name(object).isBlank()) {
                problems.add(where + " has no metadata.name");
            }
            Class<? extends HasMetadata> model = BUILT_IN.get(type);
            if (model != null) {
                HasMetadata typed;
                try {
                    typed = MAPPER.treeToValue(object, model);
                } catch (Exception e) {
                    problems.add(where + " does not match " + model.getSimpleName() + ": " + e.getMessage());
                    continue;
                }
                leftOverFields(typed, "", problems, where);
            } else if (CUSTOM.containsKey(type)) {
                checkCustom(object, CUSTOM.get(type), problems, where);
            } else {
                problems.add(where + ": " + type + " is not a kind this deployment is known to use");
            }
        }
        assertThat(problems).as("objects that are not valid").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void workloadSelectorsMatchTheirPods(String kustomization) {
        for (JsonNode workload : Kustomize.render(kustomization).workloads()) {
            JsonNode selector = workload.path("spec").path("selector").path("matchLabels");
            JsonNode labels =
                    workload.path("spec").path("template").path("metadata").path("labels");
            assertThat(selector.properties())
                    .as("%s selector", Kustomize.describe(workload))
                    .isNotEmpty();
            selector.properties()
                    .forEach(e -> assertThat(labels.path(e.getKey()).asText())
                            .as("%s: pod label %s", Kustomize.describe(workload), e.getKey())
                            .isEqualTo(e.getValue().asText()));
        }
    }

    private static void checkCustom(JsonNode object, CrdFields fields, List<String> problems, String where) {
        JsonNode spec = object.path("spec");
        spec.fieldNames().forEachRemaining(f -> {
            if (!fields.allowed().contains(f)) {
                problems.add(where + ": spec." + f + " is not a field of the CRD");
            }
        });
        fields.required().stream()
                .filter(f -> spec.path(f).isMissingNode())
                .forEach(f -> problems.add(where + ": spec." + f + " is required"));
        if ("Kafka".equals(object.path("kind").asText())) {
            spec.path("kafka").fieldNames().forEachRemaining(f -> {
                if (!KAFKA_FIELDS.contains(f)) {
                    problems.add(where + ": spec.kafka." + f + " is not a field of the CRD");
                }
            });
            JsonNode listeners = spec.path("kafka").path("listeners");
            if (!listeners.isArray() || listeners.isEmpty()) {
                problems.add(where + ": spec.kafka.listeners is required");
            }
            for (JsonNode listener : listeners) {
                listener.fieldNames().forEachRemaining(f -> {
                    if (!LISTENER_FIELDS.contains(f)) {
                        problems.add(where + ": listener field " + f + " is not a field of the CRD");
                    }
                });
                for (String required : List.of("name", "port", "type", "tls")) {
                    if (listener.path(required).isMissingNode()) {
                        problems.add(where + ": listener " + required + " is required");
                    }
                }
            }
        }
        if (object.path("kind").asText().startsWith("Kafka")
                && !"Kafka".equals(object.path("kind").asText())
                && object.path("metadata")
                        .path("labels")
                        .path("strimzi.io/cluster")
                        .asText()
                        .isBlank()) {
            problems.add(where + ": the strimzi.io/cluster label names the Kafka cluster and is required");
        }
    }

    /** Walks the typed object; any field Jackson could not place ends up in an additionalProperties map. */
    private static void leftOverFields(Object value, String path, List<String> problems, String where)
            throws InvocationTargetException, IllegalAccessException {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                leftOverFields(item, path + "[" + i++ + "]", problems, where);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                leftOverFields(e.getValue(), path + "." + e.getKey(), problems, where);
            }
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0
                    || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get")
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child = method.invoke(value);
            if ("getAdditionalProperties".equals(method.getName())) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(
                            where + ": unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "/" : path));
                }
                continue;
            }
            if (child != null
                    && !(child instanceof String)
                    && !(child instanceof Number)
                    && !(child instanceof Boolean)) {
                String name = method.getName().substring(3);
                leftOverFields(
                        child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), problems, where);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theLeftOverCheckCatchesAMisspeltField() throws Exception {
        JsonNode deployment = Kustomize.parse(
                        """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: x}
                        spec:
                          selector: {matchLabels: {a: b}}
                          template:
                            metadata: {labels: {a: b}}
                            spec:
                              containers:
                                - name: x
                                  image: x
                                  readinessProbe: {httpGet: {path: /q/health/ready, port: http}, periodSecond: 5}
                        """)
                .getFirst();
        List<String> problems = new ArrayList<>();
        leftOverFields(MAPPER.treeToValue(deployment, Deployment.class), "", problems, "test");
        if (problems.isEmpty()) {
            fail("a misspelt probe field (periodSecond) was not reported");
        }
        assertThat(problems.getFirst()).contains("periodSecond").contains("readinessProbe");
    }
}
