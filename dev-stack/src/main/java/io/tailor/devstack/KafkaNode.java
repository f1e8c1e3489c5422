package io.tailor.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run in a child JVM from the
 * Kafka jars on Maven Central. Its log folder is formatted on first start and kept afterwards.
 */
public final class KafkaNode implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "broker.classpath";

    private final Process process;
    private final int port;
    private final Path logFile;

    private KafkaNode(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts the broker with its data under {@code dataDir} and its output in {@code dataDir/broker.log}.
     *
     * @param port the client port (0 = any free port); the controller port is chosen freely
     */
    public static KafkaNode start(Path dataDir, int port, int defaultPartitions) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dataDir, port, defaultPartitions);
            } catch (PortTakenException e) {
                // a freely chosen port was taken between choosing and binding it: choose again
                if (attempt == 3) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    /** The broker exited because a port it was given is bound by someone else. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static KafkaNode startOnce(Path dataDir, int port, int defaultPartitions) {
        int clientPort = port == 0 ? FreePorts.pick() : port;
        Path logDir = dataDir.resolve("log");
        Path config = dataDir.resolve("server.properties");
        Path logFile = dataDir.resolve("broker.log");
        try {
            int controllerPort = previousControllerPort(config);
            Files.createDirectories(logDir);
            writeConfig(config, logDir, clientPort, controllerPort, defaultPartitions);
            String classpath = brokerClasspath();
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(classpath, config, logFile);
            }
            ProcessBuilder builder = new ProcessBuilder(java(classpath, KafkaBrokerMain.class.getName(), config))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Process process = builder.start();
            KafkaNode node = new KafkaNode(process, clientPort, logFile);
            node.awaitReady(Duration.ofSeconds(90));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start in " + dataDir, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Creates each topic that does not exist yet, with {@code partitions} partitions and replication factor 1. */
    public void ensureTopics(Collection<String> topics, int partitions) {
        try (Admin admin = admin()) {
            List<NewTopic> wanted = new ArrayList<>();
            for (String topic : topics) {
                wanted.add(new NewTopic(topic, partitions, (short) 1));
            }
            admin.createTopics(wanted).values().forEach((topic, result) -> {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic, e.getCause());
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("could not create topic " + topic, e);
                }
            });
        }
    }

    /**
     * How many records every consumer group still has to read, per group: the end offset of each partition it has
     * committed on minus its committed offset. Groups commit every few seconds, so a lag of zero read twice a few
     * seconds apart means the consumers have caught up.
     */
    public Map<String, Long> consumerLag() {
        try (Admin admin = admin()) {
            Map<String, Long> lag = new java.util.TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                long behind = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                        behind += Math.max(
                                0,
                                ends.get(entry.getKey()).offset()
                                        - entry.getValue().offset());
                    }
                }
                lag.put(group.groupId(), behind);
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read consumer lag from " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        }
    }

    /**
     * An admin client created with this class's own class loader: Kafka loads its plugins through the thread's
     * context class loader, which inside a Quarkus test is a different one.
     */
    private Admin admin() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaNode.class.getClassLoader());
        try {
            return Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String message = "the Kafka broker exited with " + process.exitValue() + "; see " + logFile;
                if (lastLinesMention("Address already in use")) {
                    throw new PortTakenException(message + " (a port was already in use)");
                }
                throw new IllegalStateException(message);
            }
            if (FreePorts.isListening(port)) {
                try (Admin admin = admin()) {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not ready yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
            FreePorts.sleep(Duration.ofMillis(100));
        }
        close();
        throw new IllegalStateException("the Kafka broker was not ready within " + timeout + "; see " + logFile);
    }

    /** A restarted broker keeps its controller's address, which its metadata log remembers. */
    private boolean lastLinesMention(String text) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 200), lines.size()).stream()
                    .anyMatch(line -> line.contains(text));
        } catch (IOException e) {
            return false;
        }
    }

    private static int previousControllerPort(Path config) throws IOException {
        if (Files.exists(config)) {
            Properties previous = new Properties();
            try (var in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                previous.load(in);
            }
            String voters = previous.getProperty("controller.quorum.voters", "");
            int colon = voters.lastIndexOf(':');
            if (colon > 0) {
                int port = Integer.parseInt(voters.substring(colon + 1));
                if (FreePorts.canBind(port)) {
                    return port;
                }
            }
        }
        return FreePorts.pick();
    }

    private static void writeConfig(Path config, Path logDir, int port, int controllerPort, int partitions)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, "Written by Tailor's dev stack on every start");
        }
    }

    private static void format(String classpath, Path config, Path logFile) throws IOException {
        List<String> command = java(classpath, "kafka.tools.StorageTool", config);
        command.removeLast();
        command.addAll(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        Process formatter = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka log folder failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private static List<String> java(String classpath, String mainClass, Path config) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xms256m",
                "-Xmx1g",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-cp",
                classpath,
                mainClass,
                config.toString()));
        return command;
    }

    /** The jars the broker runs from: this module's own classes plus its runtime dependencies, listed at build. */
    static String brokerClasspath() throws IOException {
        String own;
        try {
            own = Path.of(KafkaBrokerMain.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot locate the dev-stack classes", e);
        }
        try (InputStream in = KafkaNode.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IOException(CLASSPATH_RESOURCE + " is missing: build the dev-stack module with ./mvnw");
            }
            String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return own + java.io.File.pathSeparator + listed;
        }
    }

    /** Stops the broker (a controlled shutdown, forced after 20 s). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the watchdog also exits on a broken pipe
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
