package io.tailor.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.tailor.contracts.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DevStackTest {

    @Test
    void theSharedTestStackServesAllThreeDependencies() throws Exception {
        DevStack stack = TestStack.get();

        Map<String, String> env = stack.serviceEnvironment("probe");
        assertThat(env).containsKeys("DB_HOST", "DB_PORT", "DB_NAME", "REDIS_URL", "KAFKA_BOOTSTRAP_SERVERS");
        assertThat(query(stack, "probe", "SELECT current_database()")).isEqualTo("probe");
        assertThat(query(stack, "probe", "SHOW server_version")).startsWith("17.");

        assertThat(redis(stack.redis().port(), "PING")).isEqualTo("+PONG");

        String key = UUID.randomUUID().toString();
        assertThat(roundTrip(stack, Topics.SHOPPER_EVENTS, key, "hello")).isEqualTo("hello");
    }

    @Test
    void aDurableStackKeepsItsDataAcrossRestarts() throws Exception {
        Path home = Path.of("target", "durable-stack").toAbsolutePath();
        DevStack.deleteRecursively(home);
        DevStack.Options options = new DevStack.Options(home, true, 0, 0, 0, 0, 1);
        String key = UUID.randomUUID().toString();

        try (DevStack first = DevStack.start(options)) {
            first.serviceEnvironment("kept");
            try (Connection c = connect(first, "kept");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE note(text varchar(20))");
                s.execute("INSERT INTO note VALUES ('still here')");
            }
            assertThat(redis(first.redis().port(), "SET " + key + " v")).isEqualTo("+OK");
            redis(first.redis().port(), "SAVE");
            send(first, Topics.PROFILE_CHANGES, key, "kept-message");
        }

        try (DevStack second = DevStack.start(options)) {
            assertThat(query(second, "kept", "SELECT text FROM note")).isEqualTo("still here");
            assertThat(redis(second.redis().port(), "GET " + key)).isEqualTo("$1");
            assertThat(readFirst(second, Topics.PROFILE_CHANGES)).isEqualTo("kept-message");
        }
    }

    private static Connection connect(DevStack stack, String database) throws Exception {
        return DriverManager.getConnection(
                stack.postgres().jdbcUrl(database), PostgresNode.USER, PostgresNode.PASSWORD);
    }

    private static String query(DevStack stack, String database, String sql) throws Exception {
        try (Connection c = connect(stack, database);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Sends one inline Redis command and returns the first line of the reply. */
    private static String redis(int port, String command) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    private static void send(DevStack stack, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static String readFirst(DevStack stack, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
            throw new AssertionError("no message on " + topic + " within 30 s");
        }
    }

    private static String roundTrip(DevStack stack, String topic, String key, String value) throws Exception {
        send(stack, topic, key, value);
        return readFirst(stack, topic);
    }
}
