package io.tailor.segment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.HotState;
import io.tailor.contracts.Topics;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.TopicClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shoppers' privacy choices on the real dev stack: without personalization consent a shopper is placed in no
 * segment and leaves every segment when they withdraw it; an erasure request takes them out of every segment and
 * deletes what segment-service held about them.
 */
@QuarkusTest
class ShopperPrivacyTest {

    private static final ConsentState REFUSED = new ConsentState(false, true, false, Instant.now());
    private static final ConsentState GRANTED = new ConsentState(true, true, true, Instant.now());
    private static TopicClient kafka;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void connect() {
        kafka = SegmentTestSupport.kafka();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static boolean moved(
            org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r,
            String id,
            String segment,
            String direction) {
        return id.equals(r.key())
                && r.value().contains("\"segmentKey\":\"" + segment + "\"")
                && r.value().contains("\"direction\":\"" + direction + "\"");
    }

    private static boolean about(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String id) {
        return id.equals(r.key());
    }

    @Test
    void shoppersWithoutPersonalizationConsentAreInNoSegmentAndLeaveWhenTheyWithdrawIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "consent-" + run;
        SegmentTestSupport.put(
                key,
                "{\"name\":\"Consent " + run + "\",\"rule\":\"" + SegmentTestSupport.ofRun(run, "profile.orders >= 1")
                        + "\"}");
        ProfileSnapshot refusing = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 4, 200, REFUSED);
        ProfileSnapshot granting = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 2, 80, GRANTED);
        ProfileSnapshot withdrawing =
                SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 3, 90);
        try (TopicClient.Watcher changes = kafka.watch(Topics.SEGMENT_CHANGES)) {
            SegmentTestSupport.publish(kafka, redis, List.of(refusing, granting, withdrawing));
            changes.await(r -> moved(r, withdrawing.profileId(), key, "entered"), Duration.ofSeconds(30));
            changes.await(r -> moved(r, granting.profileId(), key, "entered"), Duration.ofSeconds(30));

            // the shopper withdraws consent: they leave, with the reason
            ProfileSnapshot withdrawn = SegmentTestSupport.profile(withdrawing.profileId(), run, 2, 3, 90, REFUSED);
            SegmentTestSupport.publish(kafka, redis, List.of(withdrawn));
            var exit = changes.await(r -> moved(r, withdrawing.profileId(), key, "exited"), Duration.ofSeconds(30));
            assertThat(exit.value()).contains("no personalization consent");
            changes.await(
                    r -> moved(r, withdrawing.profileId(), "repeat-customer", "exited")
                            && r.value().contains("no personalization consent"),
                    Duration.ofSeconds(30));

            // a later change of the refusing shopper still places them nowhere
            SegmentTestSupport.publish(
                    kafka, redis, List.of(SegmentTestSupport.profile(refusing.profileId(), run, 2, 5, 250, REFUSED)));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> SegmentTestSupport.segmentsOf(redis, refusing.profileId())
                            .isEmpty());
            assertThat(changes.seen()).noneMatch(r -> about(r, refusing.profileId()));
        }
        assertThat(SegmentTestSupport.segmentsOf(redis, withdrawing.profileId()))
                .isEmpty();
        assertThat(SegmentTestSupport.members(
                        redis, key, List.of(refusing.profileId(), granting.profileId(), withdrawing.profileId())))
                .containsExactly(granting.profileId());
        // previews do not count them either
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType("application/json")
                .body("{\"rule\":\"" + SegmentTestSupport.ofRun(run, "true") + "\"}")
                .post("/v1/segments/preview")
                .then()
                .statusCode(200)
                .body("matching", equalTo(1))
                .body("sample[0].profileId", equalTo(granting.profileId())));
        // and the explanation says why
        redis.hash(String.class)
                .hset(
                        HotState.profile(refusing.profileId()),
                        Map.of(
                                HotState.PROFILE_SNAPSHOT_FIELD,
                                SegmentTestSupport.JSON.writeValueAsString(refusing),
                                HotState.PROFILE_VERSION_FIELD,
                                "1"));
        given().get("/v1/segments/" + key + "/explain?profileId=" + refusing.profileId())
                .then()
                .statusCode(200)
                .body("matches", equalTo(false))
                .body("member", equalTo(false))
                .body("explanation", containsString("personalization consent"));
    }

    @Test
    void erasureTakesTheShopperOutOfEverySegment() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = List.of("erase-a-" + run, "erase-b-" + run);
        for (String key : keys) {
            SegmentTestSupport.put(
                    key,
                    "{\"name\":\"" + key + "\",\"rule\":\"" + SegmentTestSupport.ofRun(run, "profile.orders >= 1")
                            + "\"}");
        }
        ProfileSnapshot erased = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 2, 60);
        ProfileSnapshot kept = SegmentTestSupport.profile(UUID.randomUUID().toString(), run, 1, 2, 60);
        SegmentTestSupport.publish(kafka, redis, List.of(erased, kept));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SegmentTestSupport.segmentsOf(redis, erased.profileId()))
                        .containsAll(keys)
                        .contains("repeat-customer"));

        String requestId = UUID.randomUUID().toString();
        try (TopicClient.Watcher changes = kafka.watch(Topics.SEGMENT_CHANGES);
                TopicClient.Watcher results = kafka.watch(Topics.PRIVACY_RESULTS)) {
            kafka.send(
                    Topics.PRIVACY_REQUESTS,
                    erased.profileId(),
                    SegmentTestSupport.JSON.writeValueAsString(new PrivacyRequest(
                            requestId,
                            PrivacyRequest.Kind.ERASE,
                            erased.profileId(),
                            null,
                            List.of("a-" + erased.profileId()),
                            Instant.now())));
            var done = results.await(
                    r -> r.value().contains(requestId) && r.value().contains("segment-service"),
                    Duration.ofSeconds(30));
            assertThat(done.value()).contains("\"done\":true");
            for (String segment : keys) {
                var exit = changes.await(
                        r -> about(r, erased.profileId())
                                && r.value().contains(segment)
                                && r.value().contains("\"exited\""),
                        Duration.ofSeconds(30));
                assertThat(exit.value()).contains("erased");
            }
        }
        assertThat(SegmentTestSupport.segmentsOf(redis, erased.profileId())).isEmpty();
        assertThat(redis.key().exists(HotState.memberships(erased.profileId()))).isFalse();
        for (String key : keys) {
            assertThat(SegmentTestSupport.members(redis, key, List.of(erased.profileId(), kept.profileId())))
                    .containsExactly(kept.profileId());
        }
        assertThat(redis.set(String.class).smembers("segment:members:repeat-customer"))
                .doesNotContain(erased.profileId());
        assertThat(redis.sortedSet(String.class).zscore("segment:due", erased.profileId()))
                .isEmpty();
        given().get("/v1/segments/" + keys.getFirst() + "/explain?profileId=" + erased.profileId())
                .then()
                .statusCode(404);
    }
}
