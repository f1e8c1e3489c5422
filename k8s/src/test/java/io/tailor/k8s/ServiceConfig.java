package io.tailor.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration one service reads: service-kit's shared defaults overlaid by the service's own
 * application.properties, as Quarkus merges them. Tells which environment variables the service reads (the
 * {@code ${NAME}} placeholders, and any property by its environment name) and which it requires (a placeholder
 * without default outside the dev and test profiles).
 */
final class ServiceConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** Variables any JVM-based service reads without a property (the JVM and its java launcher). */
    private static final Set<String> PROCESS_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final String service;
    private final Map<String, String> properties;

    private ServiceConfig(String service, Map<String, String> properties) {
        this.service = service;
        this.properties = properties;
    }

    static ServiceConfig of(String service) {
        Path root = Kustomize.repositoryRoot();
        Map<String, String> merged = new LinkedHashMap<>();
        merged.putAll(load(root.resolve("service-kit/src/main/resources/META-INF/microprofile-config.properties")));
        merged.putAll(load(root.resolve(service).resolve("src/main/resources/application.properties")));
        return new ServiceConfig(service, merged);
    }

    private static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    String service() {
        return service;
    }

    /** A property's value in production (the %prod value if any, else the plain one). */
    Optional<String> value(String key) {
        return Optional.ofNullable(properties.getOrDefault("%prod." + key, properties.get(key)));
    }

    /** The environment variable Quarkus maps to a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether setting this variable changes anything in the service. */
    boolean reads(String variable) {
        if (PROCESS_VARIABLES.contains(variable) || variable.startsWith("QUARKUS_")) {
            return true;
        }
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key =
                    e.getKey().startsWith("%") ? e.getKey().substring(e.getKey().indexOf('.') + 1) : e.getKey();
            if (envName(key).equals(variable)) {
                return true;
            }
            Matcher m = PLACEHOLDER.matcher(e.getValue());
            while (m.find()) {
                if (m.group(1).equals(variable)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A Kafka consumer channel: its topic, consumer group and the number of consumers one replica runs. */
    record Incoming(String channel, String topic, String group, int consumers) {

        /** A group of its own per replica (every replica reads everything) rather than one shared by replicas. */
        boolean perReplica() {
            return group.contains("${");
        }
    }

    java.util.List<Incoming> incoming() {
        java.util.List<Incoming> channels = new java.util.ArrayList<>();
        String prefix = "mp.messaging.incoming.";
        properties.keySet().stream()
                .filter(k -> k.startsWith(prefix) && k.endsWith(".connector"))
                .map(k -> k.substring(prefix.length(), k.length() - ".connector".length()))
                .sorted()
                .forEach(ch -> channels.add(new Incoming(
                        ch,
                        value(prefix + ch + ".topic").orElse(ch),
                        value(prefix + ch + ".group.id")
                                .orElse(value("quarkus.application.name").orElse(service)),
                        Integer.parseInt(value(prefix + ch + ".partitions").orElse("1")))));
        return channels;
    }

    /** The variables the service cannot start without in production. */
    Set<String> required() {
        Set<String> required = new TreeSet<>();
        Set<String> definedByProperty = new TreeSet<>();
        properties.keySet().stream()
                .filter(k -> !k.startsWith("%") || k.startsWith("%prod."))
                .map(k -> k.startsWith("%prod.") ? k.substring("%prod.".length()) : k)
                .forEach(definedByProperty::add);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(e.getValue());
            while (m.find()) {
                String name = m.group(1);
                boolean hasDefault = m.group(2) != null;
                // A placeholder may also be satisfied by a property of that name in the files (e.g. %prod.DB_NAME).
                if (!hasDefault && ENV_NAME.matcher(name).matches() && !definedByProperty.contains(name)) {
                    required.add(name);
                }
            }
        }
        return required;
    }
}
