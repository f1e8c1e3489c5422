package io.tailor.content.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tailor.content.SegmentServiceStub;
import io.tailor.content.service.ContentDataEraser;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.segment.SegmentChange;
import io.tailor.devstack.MailNode;
import io.tailor.devstack.TestStack;
import io.tailor.devstack.TopicClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Journeys end to end on the real stack: events and profile changes on Kafka → runs in PostgreSQL → messages on
 * outbound-messages → e-mail received by a real SMTP server (GreenMail); exits, consent, unsubscribe, quiet hours,
 * frequency caps, and retries ending in the dead-letter topic.
 */
@QuarkusTest
class JourneyFlowTest {

    private static TopicClient topics;

    @Inject
    ObjectMapper mapper;

    @Inject
    ContentDataEraser eraser;

    @Inject
    Pool pool;

    @BeforeAll
    static void connect() {
        topics = new TopicClient(TestStack.get().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        if (topics != null) {
            topics.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private final List<String> journeys = new java.util.ArrayList<>();

    /** Each test's journeys are deleted after it, so that one test's triggers do not enrol another's shoppers. */
    @AfterEach
    void deleteJourneys() {
        journeys.forEach(key -> given().delete("/v1/journeys/" + key).then().statusCode(204));
        journeys.clear();
    }

    private void putJourney(String key, String json) {
        given().contentType("application/json")
                .body(json)
                .put("/v1/journeys/" + key)
                .then()
                .statusCode(200);
        journeys.add(key);
    }

    private void cartRecovery(String key) {
        putJourney(
                key,
                """
                {"name":"Cart recovery","trigger":{"event":"add_to_cart"},"reentry":"restart",
                 "exitOn":["order_completed"],"quietHours":false,"enabled":true,
                 "steps":[{"delay":"PT1S","template":"cart-recovery","condition":"cart_not_empty"}]}
                """);
    }

    /** The contact rows this service holds for a customer. */
    private long contacts(String customer) {
        return pool.preparedQuery("SELECT count(*) AS n FROM contact WHERE customer_id = $1")
                .execute(Tuple.of(customer))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong("n");
    }

    /**
     * Waits until the identify events of these customers are applied, so the profile changes sent next find an
     * address (a fixed pause was not always enough on a busy machine).
     */
    private void awaitContacts(String... customers) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> java.util.Arrays.stream(customers).allMatch(c -> contacts(c) > 0));
    }

    /** An identify event: the customer's address, first name and time zone. */
    private void identify(String customerId, String email, String timeZone) throws Exception {
        ShopperEvent event = new ShopperEvent(
                UUID.randomUUID().toString(),
                EventType.IDENTIFY,
                Instant.now(),
                Instant.now(),
                null,
                customerId,
                null,
                new EventContext(null, null, null, null, null, null, timeZone),
                new EventProperties(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        email,
                        Map.of("firstName", "Robin"),
                        null,
                        null));
        topics.send(Topics.SHOPPER_EVENTS, "c:" + customerId, mapper.writeValueAsString(event));
    }

    private void profileChange(
            String profileId, String customerId, String cause, Boolean marketingEmail, int cartLines, Instant lastOrder)
            throws Exception {
        List<OrderLine> lines = java.util.stream.IntStream.range(0, cartLines)
                .mapToObj(i -> new OrderLine("sku-" + i, 1, new BigDecimal("10.00"), List.of("shoes"), "acme"))
                .toList();
        Instant now = Instant.now();
        ProfileSnapshot profile = new ProfileSnapshot(
                profileId,
                1,
                customerId,
                List.of("anon-" + profileId),
                Map.of(),
                new ConsentState(true, true, marketingEmail, now),
                now,
                now,
                1,
                1,
                1,
                lastOrder == null ? 0 : 1,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                lastOrder,
                List.of(),
                new CartState(lines, new BigDecimal("10.00").multiply(BigDecimal.valueOf(cartLines)), now),
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                "desktop",
                "GB",
                null);
        ProfileChange change = new ProfileChange(profileId, 1, now, cause, null, List.of(), profile);
        topics.send(Topics.PROFILE_CHANGES, profileId, mapper.writeValueAsString(change));
    }

    private static List<MailNode.ReceivedMail> mailTo(String address) {
        return TestStack.get().mail().received().stream()
                .filter(m -> m.to().equals(address))
                .toList();
    }

    private static JsonPath messages(String profileId) {
        return given().queryParam("profileId", profileId)
                .get("/v1/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath runs(String journey, String profileId) {
        return given().queryParam("profileId", profileId)
                .get("/v1/journeys/" + journey + "/runs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void anAbandonedCartGetsARecoveryEmailWithAnUnsubscribeLinkThatWithdrawsConsent() throws Exception {
        String journey = unique("cart");
        cartRecovery(journey);
        String profile = unique("p");
        String customer = unique("c");
        String email = customer + "@example.test";
        identify(customer, email, "Europe/London");
        awaitContacts(customer);
        profileChange(profile, customer, "add_to_cart", true, 2, null);

        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(email).isEmpty());
        MailNode.ReceivedMail mail = mailTo(email).getFirst();
        assertThat(mail.subject())
                .as("mail to %s; log %s", mail.to(), messages(profile).prettify())
                .isEqualTo("You left something in your cart");
        assertThat(mail.html()).contains("Hi Robin,");
        assertThat(mail.listUnsubscribe()).startsWith("<http://localhost:8080/unsubscribe?p=" + profile);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "sent".equals(messages(profile).getString("[0].status")));
        assertThat(messages(profile).getString("[0].journey")).isEqualTo(journey);
        assertThat(runs(journey, profile).getString("[0].status")).isEqualTo("completed");

        // the link from the e-mail unsubscribes; a forged one does not
        URI link = URI.create(
                mail.listUnsubscribe().substring(1, mail.listUnsubscribe().length() - 1));
        given().post("/v1/messages/unsubscribe?p=" + profile + "&t=forged")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("t"));
        try (TopicClient.Watcher consent = topics.watch(Topics.SHOPPER_EVENTS)) {
            given().post("/v1/messages/unsubscribe?" + link.getRawQuery())
                    .then()
                    .statusCode(200)
                    .body("unsubscribed", equalTo(true));
            String published = consent.await(
                            r -> r.value().contains("consent_updated")
                                    && r.value().contains(customer),
                            Duration.ofSeconds(20))
                    .value();
            ShopperEvent event = mapper.readValue(published, ShopperEvent.class);
            assertThat(event.properties().consent()).containsEntry("marketing_email", false);
            assertThat(event.properties().consentSource()).isEqualTo("email_unsubscribe");
        }

        // a new abandoned cart: no e-mail any more, and the run says why
        profileChange(profile, customer, "add_to_cart", true, 1, null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "unsubscribed".equals(runs(journey, profile).getString("[0].endedReason")));
        assertThat(mailTo(email)).hasSize(1);
        assertThat(messages(profile).getList("status")).containsExactly("sent");
    }

    @Test
    void anOrderEndsCartRecoveryBeforeItSends() throws Exception {
        String journey = unique("cart");
        putJourney(
                journey,
                """
                {"name":"Cart recovery (slow)","trigger":{"event":"add_to_cart"},"reentry":"restart",
                 "exitOn":["order_completed"],"quietHours":false,"enabled":true,
                 "steps":[{"delay":"PT4S","template":"cart-recovery"}]}
                """);
        String profile = unique("p");
        String customer = unique("c");
        String email = customer + "@example.test";
        identify(customer, email, null);
        profileChange(profile, customer, "add_to_cart", true, 1, null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "active".equals(runs(journey, profile).getString("[0].status")));
        profileChange(profile, customer, "order_completed", true, 0, Instant.now());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "exited".equals(runs(journey, profile).getString("[0].status")));
        assertThat(runs(journey, profile).getString("[0].endedReason")).isEqualTo("order_completed");
        Thread.sleep(6_000); // past the step's delay and a few ticks
        assertThat(messages(profile).getList("id")).isEmpty();
        assertThat(mailTo(email)).isEmpty();
    }

    @Test
    void withoutMarketingConsentNothingIsSentAndTheRunSaysWhy() throws Exception {
        String journey = unique("cart");
        cartRecovery(journey);
        String profile = unique("p");
        String customer = unique("c");
        String email = customer + "@example.test";
        identify(customer, email, null);
        profileChange(profile, customer, "add_to_cart", null, 1, null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "exited".equals(runs(journey, profile).getString("[0].status")));
        assertThat(runs(journey, profile).getString("[0].endedReason")).isEqualTo("no marketing e-mail consent");
        assertThat(messages(profile).getList("id")).isEmpty();
        assertThat(mailTo(email)).isEmpty();

        // an anonymous shopper (no customer id) is not enrolled at all
        String anonymous = unique("p");
        profileChange(anonymous, null, "add_to_cart", true, 1, null);
        Thread.sleep(3_000);
        assertThat(runs(journey, anonymous).getList("id")).isEmpty();
    }

    @Test
    void quietHoursInTheShoppersZonePostponeTheMessage() throws Exception {
        String journey = unique("browse");
        putJourney(
                journey,
                """
                {"name":"Browse abandonment","trigger":{"event":"product_view"},"exitOn":["add_to_cart"],
                 "enabled":true,"steps":[{"delay":"PT0S","template":"browse-abandonment","condition":"cart_empty"}]}
                """);
        // a fixed-offset zone where it is 02:00 now: inside the default quiet hours (21:00 to 08:00)
        int utcHour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(2 - utcHour + 12, 24) - 12;
        String zone = ZoneOffset.ofHours(offset).getId();
        String profile = unique("p");
        String customer = unique("c");
        String email = customer + "@example.test";
        identify(customer, email, zone);
        awaitContacts(customer);
        profileChange(profile, customer, "product_view", true, 0, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonPath run = runs(journey, profile);
            return run.getString("[0].status") != null
                    && Instant.parse(run.getString("[0].dueAt"))
                            .isAfter(Instant.now().plus(Duration.ofHours(5)));
        });
        assertThat(runs(journey, profile).getString("[0].status")).isEqualTo("active");
        assertThat(messages(profile).getList("id")).isEmpty();
    }

    @Test
    void browseAbandonmentPostPurchaseAndReplenishmentEachEndInAReceivedEmail() throws Exception {
        putJourney(
                unique("browse"),
                """
                {"name":"Browse abandonment","trigger":{"event":"product_view"},"reentry":"restart",
                 "exitOn":["add_to_cart","order_completed"],"quietHours":false,"enabled":true,
                 "steps":[{"delay":"PT1S","template":"browse-abandonment","condition":"cart_empty"}]}
                """);
        putJourney(
                unique("post"),
                """
                {"name":"Post-purchase","trigger":{"event":"order_completed"},"quietHours":false,"enabled":true,
                 "steps":[{"delay":"PT1S","template":"post-purchase","placement":"cart_complementary"}]}
                """);
        String segment = unique("replenishment-due");
        SegmentServiceStub.KNOWN.add(segment);
        putJourney(
                unique("replenish"),
                """
                {"name":"Replenishment","trigger":{"segmentEntered":"%s"},"exitOnSegmentExit":true,
                 "quietHours":false,"enabled":true,
                 "steps":[{"delay":"PT0S","template":"replenishment-reminder","placement":"reorder"}]}
                """
                        .formatted(segment));
        String[] customers = {unique("c"), unique("c"), unique("c")};
        String[] profiles = {unique("p"), unique("p"), unique("p")};
        for (String customer : customers) {
            identify(customer, customer + "@example.test", null);
        }
        awaitContacts(customers);
        profileChange(profiles[0], customers[0], "product_view", true, 0, null);
        profileChange(profiles[1], customers[1], "order_completed", true, 0, Instant.now());
        profileChange(profiles[2], customers[2], "traits", true, 0, null);
        Thread.sleep(1_000);
        SegmentChange entered = new SegmentChange(
                profiles[2], segment, 1, SegmentChange.Direction.ENTERED, "due in 3 days", Instant.now());
        topics.send(Topics.SEGMENT_CHANGES, profiles[2], mapper.writeValueAsString(entered));

        String[] subjects = {
            "Still thinking about it?", "Thank you for your order: care tips and what goes with it", "Time to restock?"
        };
        for (int i = 0; i < 3; i++) {
            String address = customers[i] + "@example.test";
            await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(address).isEmpty());
            assertThat(mailTo(address))
                    .singleElement()
                    .extracting(MailNode.ReceivedMail::subject)
                    .isEqualTo(subjects[i]);
        }
    }

    @Test
    void theFrequencyCapHoldsAcrossSteps() throws Exception {
        String journey = unique("welcome");
        putJourney(
                journey,
                """
                {"name":"Welcome series","trigger":{"event":"identify"},"reentry":"once","quietHours":false,
                 "enabled":true,"steps":[{"delay":"PT0S","template":"welcome"},{"delay":"PT1S","template":"welcome"},
                 {"delay":"PT1S","template":"welcome"}]}
                """);
        String profile = unique("p");
        String customer = unique("c");
        String email = customer + "@example.test";
        identify(customer, email, null);
        Thread.sleep(1_000);
        profileChange(profile, customer, "identify", true, 0, null);
        // the test profile allows two messages per shopper per window
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "completed".equals(runs(journey, profile).getString("[0].status")));
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(email).size() == 2);
        List<String> statuses = messages(profile).getList("status");
        assertThat(statuses).containsExactlyInAnyOrder("sent", "sent", "suppressed");
        assertThat(messages(profile).getString("find { it.status == 'suppressed' }.reason"))
                .startsWith("frequency cap: 2 messages");
        // once: a second identify does not start the series again
        profileChange(profile, customer, "identify", true, 0, null);
        Thread.sleep(3_000);
        assertThat(runs(journey, profile).getList("id")).hasSize(1);
    }

    @Test
    void aMessageThatCannotBeRenderedIsRetriedThenDeadLettered() throws Exception {
        given().contentType("application/json")
                .body("{\"subject\":\"Your pick\",\"html\":\"<p>{products.get(0).title}</p>\"}")
                .put("/v1/messages/templates/first-product")
                .then()
                .statusCode(200);
        String journey = unique("broken");
        putJourney(
                journey,
                """
                {"name":"Needs a product","trigger":{"event":"search"},"quietHours":false,"enabled":true,
                 "steps":[{"delay":"PT0S","template":"first-product"}]}
                """);
        String profile = unique("p");
        String customer = unique("c");
        String email = customer + "@example.test";
        identify(customer, email, null);
        Thread.sleep(1_000);
        try (TopicClient.Watcher dlq = topics.watch(Topics.OUTBOUND_MESSAGES_DLQ)) {
            // no products: recommendation-service is not there, so the template fails at send time
            profileChange(profile, customer, "search", true, 0, null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "dead".equals(messages(profile).getString("[0].status")));
            JsonPath log = messages(profile);
            assertThat(log.getInt("[0].attempts")).isEqualTo(2);
            assertThat(log.getString("[0].lastError")).isNotBlank();
            assertThat(dlq.await(r -> r.key().equals(profile), Duration.ofSeconds(20))
                            .value())
                    .contains(journey);
        }
        assertThat(mailTo(email)).isEmpty();
    }

    /** The journey_profile row of a profile: cart lines and whether a last order is known, or null when none. */
    private String journeyProfile(String profileId) {
        var rows = pool.preparedQuery(
                        "SELECT cart_items, last_order_at IS NOT NULL AS ordered FROM journey_profile WHERE profile_id = $1")
                .execute(Tuple.of(profileId))
                .await()
                .atMost(Duration.ofSeconds(5));
        if (rows.size() == 0) {
            return null;
        }
        var row = rows.iterator().next();
        return row.getInteger("cart_items") + (row.getBoolean("ordered") ? " ordered" : "");
    }

    private String contactEmail(String customer) {
        var rows = pool.preparedQuery("SELECT email FROM contact WHERE customer_id = $1")
                .execute(Tuple.of(customer))
                .await()
                .atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getString("email");
    }

    /**
     * Profile changes sent back to back usually arrive in one poll, which is applied in one transaction: each
     * profile's enrolments, exits and erasure still follow its changes in order, and what journeys keep of it is its
     * last state.
     */
    @Test
    void changesArrivingTogetherAreAppliedInTheirOrder() throws Exception {
        String journey = unique("cart");
        putJourney(
                journey,
                """
                {"name":"Cart recovery (later)","trigger":{"event":"add_to_cart"},"reentry":"restart",
                 "exitOn":["order_completed"],"quietHours":false,"enabled":true,
                 "steps":[{"delay":"PT1H","template":"cart-recovery"}]}
                """);
        String reordered = unique("p");
        String ordered = unique("p");
        String erased = unique("p");
        String customer = unique("c");
        profileChange(reordered, customer, "add_to_cart", true, 2, null);
        profileChange(ordered, unique("c"), "add_to_cart", true, 1, null);
        profileChange(erased, unique("c"), "add_to_cart", true, 1, null);
        profileChange(reordered, customer, "order_completed", true, 0, Instant.now());
        profileChange(ordered, unique("c"), "order_completed", true, 0, Instant.now());
        topics.send(
                Topics.PROFILE_CHANGES,
                erased,
                mapper.writeValueAsString(new ProfileChange(erased, 2, Instant.now(), "erase", null, List.of(), null)));
        profileChange(reordered, customer, "add_to_cart", true, 3, Instant.now());

        await().atMost(Duration.ofSeconds(20)).until(() -> "3 ordered".equals(journeyProfile(reordered)));
        assertThat(runs(journey, reordered).getList("status", String.class))
                .containsExactlyInAnyOrder("exited", "active");
        assertThat(runs(journey, ordered).getList("status", String.class)).containsExactly("exited");
        assertThat(runs(journey, ordered).getString("[0].endedReason")).isEqualTo("order_completed");
        assertThat(journeyProfile(ordered)).isEqualTo("0 ordered");
        assertThat(runs(journey, erased).getList("id")).isEmpty();
        assertThat(journeyProfile(erased)).isNull();
    }

    @Test
    void theLastOfSeveralIdentifyEventsGivesTheAddress() throws Exception {
        String customer = unique("c");
        identify(customer, "first-" + customer + "@example.test", null);
        identify(customer, "second-" + customer + "@example.test", null);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ("second-" + customer + "@example.test").equals(contactEmail(customer)));
    }

    @Test
    void erasureForgetsRunsMessagesAndTheAddress() throws Exception {
        String journey = unique("cart");
        cartRecovery(journey);
        String profile = unique("p");
        String customer = unique("c");
        String email = customer + "@example.test";
        identify(customer, email, null);
        Thread.sleep(1_000);
        profileChange(profile, customer, "add_to_cart", true, 1, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "sent".equals(messages(profile).getString("[0].status")));

        PrivacyRequest erase = new PrivacyRequest(
                UUID.randomUUID().toString(), PrivacyRequest.Kind.ERASE, profile, customer, List.of(), Instant.now());
        eraser.erase(erase).await().atMost(Duration.ofSeconds(10));
        eraser.erase(erase).await().atMost(Duration.ofSeconds(10)); // idempotent

        assertThat(messages(profile).getList("id")).isEmpty();
        assertThat(runs(journey, profile).getList("id")).isEmpty();
        assertThat(contacts(customer)).isZero();
    }
}
