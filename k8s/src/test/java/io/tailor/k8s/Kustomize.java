package io.tailor.k8s;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize} (once per JVM) and parses every object it prints. */
final class Kustomize {

    /** The overlays a cluster is deployed from; the base is rendered too, for the API model check. */
    static final List<String> OVERLAYS = List.of("overlays/local", "overlays/production");

    static final List<String> ALL = List.of("base", "overlays/local", "overlays/production");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private Kustomize() {}

    /** The k8s module's folder (tests run with it as working directory under Maven; also from the repository root). */
    static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("overlays"))) {
            return here;
        }
        return here.resolve("k8s");
    }

    static Path repositoryRoot() {
        return moduleDir().getParent();
    }

    /** The kubectl binary, or none: the tests that render are then skipped with the reason. */
    static Path kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The objects of one kustomization; skips the calling test when kubectl is not installed. */
    static Rendered render(String kustomization) {
        Path kubectl = kubectl();
        assumeTrue(
                kubectl != null,
                "kubectl not found (KUBECTL, else PATH): the manifests were not rendered or checked; install"
                        + " kubectl >= 1.27 to run these tests");
        return CACHE.computeIfAbsent(kustomization, k -> run(kubectl, k));
    }

    private static Rendered run(Path kubectl, String kustomization) {
        Path dir = moduleDir().resolve(kustomization);
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish in 60 s");
            }
            String yaml = Files.readString(out, StandardCharsets.UTF_8);
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + errors);
            }
            return new Rendered(kustomization, parse(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    objects.add(node);
                }
            }
        }
        return objects;
    }

    /** What one kustomization renders. */
    record Rendered(String name, List<JsonNode> objects) {

        List<JsonNode> ofKind(String kind) {
            return objects.stream()
                    .filter(o -> kind.equals(o.path("kind").asText()))
                    .toList();
        }

        JsonNode get(String kind, String name) {
            return ofKind(kind).stream()
                    .filter(o -> name.equals(o.path("metadata").path("name").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(this.name + " renders no " + kind + " " + name));
        }

        boolean has(String kind, String name) {
            return ofKind(kind).stream()
                    .anyMatch(o -> name.equals(o.path("metadata").path("name").asText()));
        }

        /** Deployments and StatefulSets. */
        List<JsonNode> workloads() {
            List<JsonNode> workloads = new ArrayList<>(ofKind("Deployment"));
            workloads.addAll(ofKind("StatefulSet"));
            return workloads;
        }

        /** The six Tailor services' Deployments. */
        List<JsonNode> services() {
            return ofKind("Deployment").stream()
                    .filter(d -> "service"
                            .equals(d.path("metadata")
                                    .path("labels")
                                    .path("app.kubernetes.io/component")
                                    .asText()))
                    .toList();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + name(object);
    }
}
