package io.tailor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.tailor.contracts.ShopperKeys;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.devstack.DevStack;
import io.tailor.devstack.FreePorts;
import io.tailor.devstack.PostgresNode;
import io.tailor.devstack.ServiceProcess;
import io.tailor.devstack.TopicClient;
import io.tailor.devstack.demo.DemoHistory;
import io.tailor.devstack.demo.RetailCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * profile-service killed (SIGKILL) in the middle of a stream and started again: every event is applied exactly
 * once, nothing is lost and nothing double-counted.
 */
class ProfileRestartIT {

    private static final Path ROOT =
            Path.of(System.getProperty("tailor.home", "..")).toAbsolutePath().normalize();

    @Test
    void aCrashMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        List<RetailCatalog.Line> lines = RetailCatalog.lines(ROOT.resolve("data/online-retail-sample.csv"));
        List<ShopperEvent> events =
                DemoHistory.events(lines, RetailCatalog.products(lines, LocalDate.now()), Instant.now());
        long ordersOf17850 = events.stream()
                .filter(e -> e.type() == EventType.ORDER_COMPLETED && "17850".equals(e.customerId()))
                .count();
        ObjectMapper json = TailorJson.mapper();
        try (DevStack stack = DevStack.start(
                DevStack.Options.testRun(Path.of("target", "restart-stack").toAbsolutePath()))) {
            Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment("profile"));
            env.put("PROFILE_EMAIL_HASH_KEY", "restart-test-email-hash-key");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            Path logs = Path.of("target", "restart-logs").toAbsolutePath();
            try (TopicClient kafka = new TopicClient(stack.kafka().bootstrapServers())) {
                List<Map.Entry<String, String>> records = new java.util.ArrayList<>();
                for (ShopperEvent e : events) {
                    records.add(Map.entry(ShopperKeys.of(e), json.writeValueAsString(e)));
                }
                kafka.sendAll(Topics.SHOPPER_EVENTS, records);
            }
            int port = FreePorts.pick();
            ServiceProcess first = ServiceProcess.start("profile-service", ROOT, port, env, logs);
            first.awaitReady(Duration.ofMinutes(3));
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> processed(stack) > events.size() / 10);
            first.kill();
            long atCrash = processed(stack);
            assertThat(atCrash).isLessThan(events.size());

            try (ServiceProcess second = ServiceProcess.start("profile-service", ROOT, port, env, logs)) {
                second.awaitReady(Duration.ofMinutes(3));
                await().atMost(Duration.ofMinutes(5)).until(() -> processed(stack) == events.size());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Map<String, Object> profile = RestAssured.given()
                            .baseUri(second.url().toString())
                            .queryParam("customerId", "17850")
                            .get("/v1/profiles")
                            .then()
                            .statusCode(200)
                            .extract()
                            .as(Map.class);
                    assertThat(((Number) profile.get("orders")).longValue()).isEqualTo(ordersOf17850);
                });
            }
            assertThat(scalar(stack, "SELECT count(*) FROM processed_event")).isEqualTo(events.size());
        }
    }

    /** The same event for another shopper: other ids, another order id, a new event id. */
    private static ShopperEvent replicate(ShopperEvent e, int replica) {
        var p = e.propertiesOrEmpty();
        var properties = p.orderId() == null
                ? p
                : new io.tailor.contracts.event.EventProperties(
                        p.productId(),
                        p.categoryPath(),
                        p.brand(),
                        p.price(),
                        p.currency(),
                        p.quantity(),
                        p.query(),
                        p.resultCount(),
                        p.orderId() + "-r" + replica,
                        p.lines(),
                        p.total(),
                        p.messageId(),
                        p.campaign(),
                        p.email(),
                        p.traits(),
                        p.consent(),
                        p.consentSource());
        return new ShopperEvent(
                java.util
                        .UUID
                        .nameUUIDFromBytes((e.eventId() + replica).getBytes())
                        .toString(),
                e.type(),
                e.occurredAt(),
                e.receivedAt(),
                e.anonymousId() + "-r" + replica,
                e.customerId() == null ? null : e.customerId() + "-r" + replica,
                e.sessionId() + "-r" + replica,
                e.context(),
                properties);
    }

    private static long processed(DevStack stack) throws Exception {
        return scalar(stack, "SELECT count(*) FROM processed_event");
    }

    private static long scalar(DevStack stack, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        stack.postgres().jdbcUrl("profile"), PostgresNode.USER, PostgresNode.PASSWORD);
                ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
