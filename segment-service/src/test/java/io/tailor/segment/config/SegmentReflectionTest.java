package io.tailor.segment.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tailor.kit.nativeimage.ContractsReflection;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Native readiness: every type this service's sources read with the ObjectMapper ({@code mapper.readValue(..., X.class)},
 * {@code StrictJson.read(mapper, ..., X.class)}), and every record or enum of the project inside those, is registered
 * for reflection, here or by the kit for the contracts. A new strict body or Redis JSON type fails here, not in a
 * native executable.
 */
class SegmentReflectionTest {

    private static final Pattern READ =
            Pattern.compile("(?:readValue|StrictJson\\.read)\\([^;]*?,\\s*([A-Z][\\w.]*)\\.class\\s*\\)");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    static Set<String> registered() {
        Set<String> names = new TreeSet<>();
        for (Class<?> holder : List.of(SegmentReflection.class, ContractsReflection.class)) {
            Arrays.stream(holder.getAnnotation(RegisterForReflection.class).targets())
                    .forEach(c -> names.add(c.getName()));
        }
        return names;
    }

    /** The classes named in {@code X.class} arguments of mapper reads, resolved through imports and the package. */
    static Set<String> readTypes() throws IOException {
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher read = READ.matcher(source);
                while (read.find()) {
                    types.add(resolve(source, read.group(1)));
                }
            }
        }
        return types;
    }

    private static String resolve(String source, String name) {
        String outer = name.split("\\.", 2)[0];
        String nested =
                name.contains(".") ? "$" + name.substring(outer.length() + 1).replace('.', '$') : "";
        Matcher imported = Pattern.compile("^import ([\\w.]+\\." + outer + ");", Pattern.MULTILINE)
                .matcher(source);
        if (imported.find()) {
            return imported.group(1) + nested;
        }
        Matcher pkg = PACKAGE.matcher(source);
        assertThat(pkg.find()).isTrue();
        return pkg.group(1) + "." + outer + nested;
    }

    @Test
    void everyTypeReadWithTheMapperIsRegistered() throws Exception {
        Set<String> read = readTypes();
        assertThat(read)
                .as("types read with the mapper, found in the sources")
                .contains(
                        "io.tailor.segment.service.SegmentInput",
                        "io.tailor.segment.service.PreviewService$PreviewRequest",
                        "io.tailor.segment.service.ExplainService$ExplainRequest",
                        "io.tailor.segment.domain.RfmModel",
                        "io.tailor.contracts.profile.ProfileChange");
        Set<String> registered = registered();
        Set<String> needed = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (String name : read) {
            todo.add(Class.forName(name));
        }
        while (!todo.isEmpty()) {
            Class<?> type = todo.poll();
            if (!type.getName().startsWith("io.tailor.") || !needed.add(type.getName()) || !type.isRecord()) {
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                components(c.getGenericType(), todo);
            }
        }
        assertThat(registered).containsAll(needed);
    }

    private static void components(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            components(p.getRawType(), todo);
            Arrays.stream(p.getActualTypeArguments()).forEach(a -> components(a, todo));
        }
    }
}
