package io.tailor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tailor.contracts.Topics;
import io.tailor.kit.nativeimage.ContractsReflection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Native readiness: every record and enum of the contracts module is registered for reflection by the kit, so a
 * service that parses one from a Kafka string or a Redis hash with its ObjectMapper works in a native executable. A
 * record added to contracts without registering it fails here, not in production.
 */
class ContractsReflectionTest {

    @Test
    void everyContractsRecordAndEnumIsRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        Arrays.stream(ContractsReflection.class
                        .getAnnotation(RegisterForReflection.class)
                        .targets())
                .forEach(c -> registered.add(c.getName()));
        Set<String> shapes = new TreeSet<>();
        for (String name : contractsClasses()) {
            Class<?> type = Class.forName(name);
            if (type.isRecord() || type.isEnum()) {
                shapes.add(name);
            }
        }
        assertThat(shapes).as("records and enums found in contracts").hasSizeGreaterThan(30);
        assertThat(registered).containsAll(shapes);
    }

    private static Set<String> contractsClasses() throws IOException, URISyntaxException {
        Path location = Path.of(
                Topics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(location)) {
            collect(location, names);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
                collect(jar.getPath("/"), names);
            }
        }
        return names;
    }

    private static void collect(Path root, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.map(p -> root.relativize(p).toString())
                    .filter(p -> p.startsWith("io/tailor/contracts/") && p.endsWith(".class"))
                    .filter(p -> !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .forEach(names::add);
        }
    }
}
