package io.tailor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The environment each Deployment gives its service matches what the service reads: nothing set that the service
 * ignores (a typo, a stale variable), nothing required missing, every referenced ConfigMap, Secret and key present,
 * and every service URL pointing at a Service that exists.
 */
class ServiceConfigurationTest {

    static final List<String> OVERLAYS = Kustomize.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyVariableIsReadAndEveryRequiredOneIsSet(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        assertThat(r.services()).hasSize(6);
        List<String> problems = new ArrayList<>();
        for (JsonNode d : r.services()) {
            String service = Kustomize.name(d);
            ServiceConfig config = ServiceConfig.of(service);
            TreeMap<String, String> env = environment(r, d);
            env.keySet().stream()
                    .filter(v -> !config.reads(v))
                    .forEach(v -> problems.add(overlay + ": " + service + " is given " + v + ", which it never reads"));
            config.required().stream()
                    .filter(v -> !env.containsKey(v))
                    .forEach(v -> problems.add(overlay + ": " + service + " requires " + v + ", which is not set"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theConfigurationReaderSeesRequiredAndOptionalVariables() {
        ServiceConfig gateway = ServiceConfig.of("gateway");
        assertThat(gateway.required())
                .contains(
                        "DB_HOST",
                        "DB_USER",
                        "DB_PASSWORD",
                        "REDIS_URL",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "PROFILE_SERVICE_URL")
                .doesNotContain("GATEWAY_PUBLIC_KEY", "DB_PORT");
        assertThat(gateway.reads("GATEWAY_CORS_ORIGINS")).isTrue();
        assertThat(gateway.reads("GATEWAY_CORS_ORIGIN"))
                .as("a misspelt variable")
                .isFalse();
        assertThat(gateway.reads("QUARKUS_REST_CLIENT_CONNECT_TIMEOUT"))
                .as("a property by its env name")
                .isTrue();
        assertThat(gateway.reads("QUARKUS_HTTP_PORT")).isTrue();
        assertThat(gateway.reads("PROFILE_EMAIL_HASH_KEY")).isFalse();
        assertThat(ServiceConfig.of("profile-service").required()).contains("PROFILE_EMAIL_HASH_KEY");
    }

    @Test
    void localSecretsHoldEveryKeyTheDeploymentsReference() {
        Kustomize.Rendered r = Kustomize.render("overlays/local");
        for (JsonNode d : r.services()) {
            for (JsonNode var : container(d).path("env")) {
                JsonNode ref = var.path("valueFrom").path("secretKeyRef");
                if (ref.isMissingNode()) {
                    continue;
                }
                JsonNode secret = r.get("Secret", ref.path("name").asText());
                String value =
                        secret.path("data").path(ref.path("key").asText()).asText();
                assertThat(value)
                        .as("%s: key %s of Secret %s", Kustomize.name(d), ref.path("key"), ref.path("name"))
                        .isNotBlank();
                assertThat(new String(Base64.getDecoder().decode(value))).isNotBlank();
            }
        }
        // The e-mail hash key must be at least 16 characters (docs/configuration.md).
        String hashKey = r.get("Secret", "profile-service-config-creds")
                .path("data")
                .path("email-hash-key")
                .asText();
        assertThat(new String(Base64.getDecoder().decode(hashKey))).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void productionShipsNoCredentialsButReferencesTheSameSecretsAsLocal() {
        Kustomize.Rendered production = Kustomize.render("overlays/production");
        Kustomize.Rendered local = Kustomize.render("overlays/local");
        assertThat(production.ofKind("Secret"))
                .as("Secrets in the production overlay")
                .isEmpty();
        Set<String> referenced = secretNames(production);
        Set<String> documented = new TreeSet<>();
        local.ofKind("Secret").forEach(s -> documented.add(Kustomize.name(s)));
        assertThat(referenced).isEqualTo(documented);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void serviceUrlsPointAtRenderedServices(String overlay) {
        Kustomize.Rendered r = Kustomize.render(overlay);
        for (JsonNode d : r.services()) {
            environment(r, d).forEach((name, value) -> {
                if (!name.endsWith("_SERVICE_URL")) {
                    return;
                }
                URI uri = URI.create(value);
                JsonNode target = r.get("Service", uri.getHost());
                List<Integer> ports = new ArrayList<>();
                target.path("spec")
                        .path("ports")
                        .forEach(p -> ports.add(p.path("port").asInt()));
                assertThat(ports).as("%s %s=%s", Kustomize.name(d), name, value).contains(uri.getPort());
                String expected = name.substring(0, name.length() - "_URL".length())
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-');
                assertThat(uri.getHost()).isEqualTo(expected);
            });
        }
    }

    /** Every variable the container gets, with its literal value (or a marker for one from a Secret). */
    static TreeMap<String, String> environment(Kustomize.Rendered r, JsonNode deployment) {
        TreeMap<String, String> env = new TreeMap<>();
        JsonNode c = container(deployment);
        for (JsonNode from : c.path("envFrom")) {
            if (from.has("configMapRef")) {
                JsonNode cm = r.get(
                        "ConfigMap", from.path("configMapRef").path("name").asText());
                cm.path("data")
                        .properties()
                        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            } else if (from.has("secretRef")) {
                if (r.has("Secret", from.path("secretRef").path("name").asText())) {
                    r.get("Secret", from.path("secretRef").path("name").asText())
                            .path("data")
                            .fieldNames()
                            .forEachRemaining(k -> env.put(k, "<secret>"));
                }
            }
        }
        for (JsonNode var : c.path("env")) {
            env.put(
                    var.path("name").asText(),
                    var.has("value") ? var.path("value").asText() : "<secret>");
        }
        return env;
    }

    static JsonNode container(JsonNode deployment) {
        String name = Kustomize.name(deployment);
        for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("Deployment " + name + " has no container named after it");
    }

    private static Set<String> secretNames(Kustomize.Rendered r) {
        Set<String> names = new TreeSet<>();
        for (JsonNode d : r.services()) {
            for (JsonNode var : container(d).path("env")) {
                JsonNode ref = var.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    names.add(ref.path("name").asText());
                }
            }
            for (JsonNode from : container(d).path("envFrom")) {
                if (from.has("secretRef")) {
                    names.add(from.path("secretRef").path("name").asText());
                }
            }
        }
        return names;
    }
}
