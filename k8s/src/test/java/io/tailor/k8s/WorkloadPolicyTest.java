package io.tailor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The deployment policies of every overlay: hardened, bounded, probed containers; every Deployment autoscaled and
 * protected by a disruption budget; every Service port backed by a named container port.
 */
class WorkloadPolicyTest {

    static final List<String> OVERLAYS = Kustomize.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerIsProbedBoundedAndHardened(String overlay) {
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : Kustomize.render(overlay).workloads()) {
            String w = overlay + ": " + Kustomize.describe(workload);
            JsonNode pod = workload.path("spec").path("template").path("spec");
            if (!pod.path("automountServiceAccountToken").isBoolean()
                    || pod.path("automountServiceAccountToken").asBoolean()) {
                problems.add(w + ": automountServiceAccountToken must be false");
            }
            if (!"RuntimeDefault"
                    .equals(pod.path("securityContext")
                            .path("seccompProfile")
                            .path("type")
                            .asText())) {
                problems.add(w + ": seccompProfile RuntimeDefault missing");
            }
            for (JsonNode c : pod.path("containers")) {
                String where = w + " container " + c.path("name").asText();
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    if (c.path(probe).isMissingNode()) {
                        problems.add(where + ": no " + probe);
                    }
                }
                for (String resource : List.of("cpu", "memory")) {
                    if (c.path("resources").path("requests").path(resource).isMissingNode()) {
                        problems.add(where + ": no " + resource + " request");
                    }
                    if (c.path("resources").path("limits").path(resource).isMissingNode()) {
                        problems.add(where + ": no " + resource + " limit");
                    }
                }
                JsonNode sc = c.path("securityContext");
                boolean nonRoot = sc.path("runAsNonRoot").asBoolean(false)
                        || pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
                long uid = sc.path("runAsUser")
                        .asLong(pod.path("securityContext").path("runAsUser").asLong(0));
                if (!nonRoot || uid == 0) {
                    problems.add(where + ": must run as a non-root user id");
                }
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + ": allowPrivilegeEscalation must be false");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(where + ": readOnlyRootFilesystem must be true");
                }
                if (sc.path("privileged").asBoolean(false)) {
                    problems.add(where + ": privileged");
                }
                boolean dropsAll = StreamSupport.stream(
                                sc.path("capabilities").path("drop").spliterator(), false)
                        .anyMatch(d -> "ALL".equals(d.asText()));
                if (!dropsAll || !sc.path("capabilities").path("add").isMissingNode()) {
                    problems.add(where + ": must drop ALL capabilities and add none");
                }
                boolean writableTmp = StreamSupport.stream(
                                c.path("volumeMounts").spliterator(), false)
                        .anyMatch(m -> "/tmp".equals(m.path("mountPath").asText()));
                if (!writableTmp) {
                    problems.add(where + ": a read-only root needs a writable /tmp (emptyDir)");
                }
                if (c.path("image").asText().endsWith(":latest")
                        || !c.path("image").asText().contains(":")) {
                    problems.add(where + ": image without a fixed tag");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceIsScrapedByPrometheus(String overlay) {
        for (JsonNode d : Kustomize.render(overlay).services()) {
            JsonNode annotations =
                    d.path("spec").path("template").path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
            String port = annotations.path("prometheus.io/port").asText();
            assertThat(containerPorts(d))
                    .as("%s scrape port", Kustomize.name(d))
                    .containsValue(Integer.parseInt(port));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDeploymentHasAnAutoscalerAndADisruptionBudget(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        assertThat(r.ofKind("Deployment")).isNotEmpty();
        for (JsonNode d : r.ofKind("Deployment")) {
            String name = Kustomize.name(d);
            List<JsonNode> hpas = r.ofKind("HorizontalPodAutoscaler").stream()
                    .filter(h -> "Deployment"
                                    .equals(h.path("spec")
                                            .path("scaleTargetRef")
                                            .path("kind")
                                            .asText())
                            && name.equals(h.path("spec")
                                    .path("scaleTargetRef")
                                    .path("name")
                                    .asText()))
                    .toList();
            assertThat(hpas)
                    .as("%s: autoscalers of Deployment %s", overlay, name)
                    .hasSize(1);
            JsonNode hpa = hpas.getFirst().path("spec");
            int min = hpa.path("minReplicas").asInt(1);
            int max = hpa.path("maxReplicas").asInt();
            assertThat(min).as("%s %s minReplicas", overlay, name).isPositive().isLessThanOrEqualTo(max);
            assertThat(hpa.path("metrics")).as("%s %s metrics", overlay, name).isNotEmpty();

            JsonNode podLabels =
                    d.path("spec").path("template").path("metadata").path("labels");
            List<JsonNode> pdbs = r.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> selects(p.path("spec").path("selector").path("matchLabels"), podLabels))
                    .toList();
            assertThat(pdbs)
                    .as("%s: disruption budgets of Deployment %s", overlay, name)
                    .hasSize(1);
            JsonNode pdb = pdbs.getFirst().path("spec");
            // A budget that allows no eviction at the minimum replica count would block every node drain.
            if (pdb.has("minAvailable")) {
                assertThat(pdb.path("minAvailable").asInt()).isLessThan(min);
            } else {
                assertThat(pdb.path("maxUnavailable").asText()).isNotIn("0", "0%");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServicePortExistsInItsWorkload(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        for (JsonNode service : r.ofKind("Service")) {
            JsonNode selector = service.path("spec").path("selector");
            List<JsonNode> backends = r.workloads().stream()
                    .filter(w -> selects(
                            selector,
                            w.path("spec").path("template").path("metadata").path("labels")))
                    .toList();
            assertThat(backends)
                    .as("%s: workloads behind Service %s", overlay, Kustomize.name(service))
                    .hasSize(1);
            Map<String, Integer> ports = containerPorts(backends.getFirst());
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.path("targetPort");
                assertThat(port.path("name").asText()).as("Service port name").isNotBlank();
                if (target.isTextual()) {
                    assertThat(ports)
                            .as("%s: Service %s port %s", overlay, Kustomize.name(service), target.asText())
                            .containsKey(target.asText());
                } else {
                    assertThat(ports)
                            .containsValue(target.asInt(port.path("port").asInt()));
                }
            }
        }
        for (JsonNode ingress : r.ofKind("Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    JsonNode service = r.get("Service", backend.path("name").asText());
                    List<String> names = StreamSupport.stream(
                                    service.path("spec").path("ports").spliterator(), false)
                            .map(p -> p.path("name").asText())
                            .toList();
                    assertThat(names).contains(backend.path("port").path("name").asText());
                }
            }
        }
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        return selector.properties().stream()
                .allMatch(e ->
                        e.getValue().asText().equals(labels.path(e.getKey()).asText()));
    }

    static Map<String, Integer> containerPorts(JsonNode workload) {
        Map<String, Integer> ports = new java.util.HashMap<>();
        for (JsonNode c : workload.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode p : c.path("ports")) {
                ports.put(p.path("name").asText(), p.path("containerPort").asInt());
            }
        }
        return ports;
    }
}
