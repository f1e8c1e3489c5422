package io.tailor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Who may connect to whom: nothing unless allowed; the gateway alone from outside (the ingress controller); each
 * service from exactly the services that call it (docs/architecture.md, and the URLs in the callers' ConfigMaps);
 * PostgreSQL and Redis from the services only.
 */
class NetworkPolicyTest {

    static final List<String> OVERLAYS = Kustomize.OVERLAYS;

    /** docs/architecture.md: the gateway calls all five; segment-service asks content and experiments before a delete. */
    private static final Map<String, Set<String>> CALLERS = Map.of(
            "gateway", Set.of(),
            "profile-service", Set.of("gateway"),
            "segment-service", Set.of("gateway", "content-service", "experiment-service"),
            "recommendation-service", Set.of("gateway", "content-service"),
            "content-service", Set.of("gateway", "segment-service"),
            "experiment-service", Set.of("gateway", "segment-service", "content-service"));

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everythingIsDeniedUnlessAllowed(String overlay) {
        JsonNode deny = Kustomize.render(overlay).get("NetworkPolicy", "default-deny-ingress");
        assertThat(deny.path("spec").path("podSelector").isEmpty()).isTrue();
        assertThat(deny.path("spec").path("policyTypes").toString()).contains("Ingress");
        assertThat(deny.path("spec").path("ingress").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceAcceptsExactlyItsCallers(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        for (JsonNode d : r.services()) {
            String service = Kustomize.name(d);
            JsonNode podLabels =
                    d.path("spec").path("template").path("metadata").path("labels");
            Set<String> podPeers = new TreeSet<>();
            Set<String> namespacePeers = new TreeSet<>();
            for (JsonNode policy : r.ofKind("NetworkPolicy")) {
                JsonNode selector = policy.path("spec").path("podSelector").path("matchLabels");
                if (!WorkloadPolicyTest.selects(selector, podLabels)) {
                    continue;
                }
                for (JsonNode rule : policy.path("spec").path("ingress")) {
                    assertThat(rule.path("ports"))
                            .as("%s: every allowed peer is limited to ports", service)
                            .isNotEmpty();
                    assertThat(rule.path("from"))
                            .as("%s: a rule without peers would admit everyone", service)
                            .isNotEmpty();
                    for (JsonNode from : rule.path("from")) {
                        assertThat(from.has("ipBlock"))
                                .as("%s: ipBlock peers", service)
                                .isFalse();
                        if (from.has("namespaceSelector")) {
                            assertThat(from.has("podSelector")).isFalse();
                            namespacePeers.add(from.path("namespaceSelector")
                                    .path("matchLabels")
                                    .path("kubernetes.io/metadata.name")
                                    .asText());
                        } else {
                            podPeers.add(from.path("podSelector")
                                    .path("matchLabels")
                                    .path("app.kubernetes.io/name")
                                    .asText());
                        }
                    }
                }
            }
            assertThat(podPeers).as("%s: callers of %s", overlay, service).isEqualTo(CALLERS.get(service));
            Set<String> expectedNamespaces =
                    "gateway".equals(service) ? Set.of("ingress-nginx", "monitoring") : Set.of("monitoring");
            assertThat(namespacePeers)
                    .as("%s: namespaces allowed to reach %s", overlay, service)
                    .isEqualTo(expectedNamespaces);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theConfiguredCallsAreTheAllowedOnes(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        Map<String, Set<String>> configured = new java.util.TreeMap<>();
        CALLERS.keySet().forEach(s -> configured.put(s, new TreeSet<>()));
        for (JsonNode d : r.services()) {
            ServiceConfigurationTest.environment(r, d).forEach((name, value) -> {
                if (name.endsWith("_SERVICE_URL")) {
                    configured.get(java.net.URI.create(value).getHost()).add(Kustomize.name(d));
                }
            });
        }
        assertThat(configured).isEqualTo(CALLERS);
    }

    @org.junit.jupiter.api.Test
    void productionPublishesTheApiButNotTheOperationsEndpoints() {
        Kustomize.Rendered r = Kustomize.render("overlays/production");
        assertThat(r.ofKind("Ingress")).hasSize(1);
        List<String> paths = new java.util.ArrayList<>();
        for (JsonNode rule : r.get("Ingress", "gateway").path("spec").path("rules")) {
            assertThat(rule.path("host").asText()).as("production Ingress host").isNotBlank();
            rule.path("http")
                    .path("paths")
                    .forEach(p -> paths.add(p.path("path").asText()));
        }
        assertThat(paths).contains("/v1", "/tailor.js", "/unsubscribe");
        // "/" would publish /q/metrics, /q/health and the Swagger UI to the internet.
        assertThat(paths).noneMatch(p -> p.equals("/") || p.startsWith("/q"));
        assertThat(r.get("Ingress", "gateway").path("spec").path("tls")).isNotEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void datastoresAcceptTheServicesOnly(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        for (String name : List.of("tailor-redis", "tailor-postgres")) {
            JsonNode policy = r.get("NetworkPolicy", name);
            JsonNode first =
                    policy.path("spec").path("ingress").get(0).path("from").get(0);
            assertThat(first.path("podSelector")
                            .path("matchLabels")
                            .path("app.kubernetes.io/component")
                            .asText())
                    .isEqualTo("service");
        }
        // Strimzi generates the broker policies from the listener's peers.
        JsonNode listener = r.get("Kafka", "tailor")
                .path("spec")
                .path("kafka")
                .path("listeners")
                .get(0);
        assertThat(listener.path("networkPolicyPeers")
                        .get(0)
                        .path("podSelector")
                        .path("matchLabels")
                        .path("app.kubernetes.io/component")
                        .asText())
                .isEqualTo("service");
    }
}
