package io.tailor.devstack;

import io.tailor.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * PostgreSQL, Redis and Kafka for Tailor on one machine, without Docker. The local platform runs one durable stack
 * on fixed ports under {@code .tailor/data}; every test JVM runs one throw-away stack on free ports under
 * {@code target/dev-stack}. Each service gets its own database; every topic in {@link Topics#ALL} exists.
 */
public final class DevStack implements AutoCloseable {

    /**
     * Where and how a stack runs.
     *
     * @param home the folder holding postgres/, redis/ and kafka/
     * @param durable keep data across restarts (local platform) or not (tests)
     * @param postgresPort 0 for any free port
     * @param partitions partitions of each topic
     */
    public record Options(
            Path home, boolean durable, int postgresPort, int redisPort, int kafkaPort, int smtpPort, int partitions) {

        /** The local platform: fixed ports (README), data kept in {@code home}. */
        public static Options localPlatform(Path home) {
            return new Options(home, true, 15432, 16379, 19092, 11025, 6);
        }

        /** A test run: free ports, data thrown away. */
        public static Options testRun(Path home) {
            return new Options(home, false, 0, 0, 0, 0, 3);
        }
    }

    private final Options options;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final PostgresNode postgres;
    private final RedisNode redis;
    private volatile KafkaNode kafka;
    private final MailNode mail;

    private DevStack(Options options, PostgresNode postgres, RedisNode redis, KafkaNode kafka, MailNode mail) {
        this.options = options;
        this.postgres = postgres;
        this.redis = redis;
        this.kafka = kafka;
        this.mail = mail;
    }

    /** Starts the four servers (Kafka in parallel with the others) and creates every topic. */
    public static DevStack start(Options options) {
        if (!options.durable()) {
            deleteRecursively(options.home());
        }
        CompletableFuture<KafkaNode> kafka = CompletableFuture.supplyAsync(
                () -> KafkaNode.start(options.home().resolve("kafka"), options.kafkaPort(), options.partitions()));
        PostgresNode postgres = null;
        RedisNode redis = null;
        MailNode mail = null;
        try {
            postgres =
                    PostgresNode.start(options.home().resolve("postgres"), options.postgresPort(), options.durable());
            redis = RedisNode.start(options.home().resolve("redis"), options.redisPort(), options.durable());
            mail = MailNode.start(options.smtpPort());
            KafkaNode broker = kafka.join();
            broker.ensureTopics(Topics.ALL, options.partitions());
            return new DevStack(options, postgres, redis, broker, mail);
        } catch (RuntimeException e) {
            kafka.thenAccept(KafkaNode::close);
            if (mail != null) {
                mail.close();
            }
            if (redis != null) {
                redis.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    public PostgresNode postgres() {
        return postgres;
    }

    public RedisNode redis() {
        return redis;
    }

    public KafkaNode kafka() {
        return kafka;
    }

    /** The SMTP server journey e-mail is delivered to. */
    public MailNode mail() {
        return mail;
    }

    /** Stops the broker (a controlled shutdown); its data stays for {@link #startKafka()}. */
    public void stopKafka() {
        kafka.close();
    }

    /** Starts the broker again on the same port with the same data, e.g. after {@link #stopKafka()}. */
    public void startKafka() {
        int port = Integer.parseInt(
                kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
        kafka = KafkaNode.start(options.home().resolve("kafka"), port, options.partitions());
    }

    /**
     * The environment a Tailor service reads its dependency addresses from (see service-kit's defaults and
     * docs/configuration.md); the same names the Kubernetes ConfigMaps and Secrets set.
     */
    public Map<String, String> serviceEnvironment(String database) {
        postgres.ensureDatabase(database);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", Integer.toString(postgres.port()));
        env.put("DB_NAME", database);
        env.put("DB_USER", PostgresNode.USER);
        env.put("DB_PASSWORD", PostgresNode.PASSWORD);
        env.put("REDIS_URL", redis.url());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(mail.port()));
        return env;
    }

    /** Stops Kafka, Redis, PostgreSQL and the SMTP server, in that order. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable node : new AutoCloseable[] {kafka, redis, postgres, mail}) {
            try {
                node.close();
            } catch (Exception e) {
                failure =
                        failure == null ? new IllegalStateException("the dev stack did not stop cleanly", e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear " + folder, e);
        }
    }
}
