package io.tailor.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.Utm;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.TopicClient;
import io.tailor.segment.testing.ShopperHistories;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segments that change with time alone: hand-built event sequences (a cart left idle, a browse without a cart, a
 * visit from an e-mail campaign) whose memberships move on schedule, with no further profile change.
 */
@QuarkusTest
class TimeBasedSegmentsTest {

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

    private static ProfileSnapshot profile(ShopperHistories.Sequence s, String run) {
        return ShopperHistories.fold(s.events(), Instant.now(), run)
                .values()
                .iterator()
                .next();
    }

    private static boolean is(ConsumerRecord<String, String> r, String profileId, String segment, String direction) {
        return profileId.equals(r.key())
                && r.value().contains("\"segmentKey\":\"" + segment + "\"")
                && r.value().contains("\"direction\":\"" + direction + "\"");
    }

    @Test
    void idleCartsAbandonedBrowsesAndExpiringCampaignVisitsMoveOnSchedule() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // 0.1 minutes = 6 s of idleness; 0.0001 days = 8.6 s for a campaign visit to count
        SegmentTestSupport.put(
                "idle-cart-" + run,
                "{\"name\":\"Idle carts " + run
                        + "\",\"template\":\"cart-abandoner\",\"parameters\":{\"idleMinutes\":\"0.1\"}}");
        SegmentTestSupport.put(
                "browse-" + run,
                "{\"name\":\"Browsers " + run
                        + "\",\"template\":\"browse-abandoner\",\"parameters\":{\"idleMinutes\":\"0.1\"}}");
        SegmentTestSupport.put(
                "email-" + run,
                "{\"name\":\"E-mail visitors " + run + "\",\"template\":\"email-campaign-visitor\","
                        + "\"parameters\":{\"withinDays\":\"0.0001\"}}");
        Instant now = Instant.now();
        ProfileSnapshot cart = profile(
                new ShopperHistories.Sequence("cart-" + run)
                        .visit(null)
                        .productView("85123A", "Home", "2.55", now)
                        .addToCart("85123A", "Home", "2.55", 6, now),
                run);
        ProfileSnapshot browse = profile(
                new ShopperHistories.Sequence("browse-" + run)
                        .visit(null)
                        .productView("71053", "Home", "3.39", now)
                        .productView("84406B", "Home", "2.75", now),
                run);
        ProfileSnapshot email = profile(
                new ShopperHistories.Sequence("email-" + run)
                        .visit(new Utm("newsletter", "email", "december-picks", null, null))
                        .pageView(now),
                run);
        try (TopicClient.Watcher changes = kafka.watch(Topics.SEGMENT_CHANGES)) {
            SegmentTestSupport.publish(kafka, redis, List.of(cart, browse, email));

            var emailIn =
                    changes.await(r -> is(r, email.profileId(), "email-" + run, "entered"), Duration.ofSeconds(30));
            assertThat(emailIn.value()).contains("profile change");
            var cartIn =
                    changes.await(r -> is(r, cart.profileId(), "idle-cart-" + run, "entered"), Duration.ofSeconds(30));
            assertThat(cartIn.value())
                    .as("entered by the scheduler, not by a change")
                    .contains("time passed");
            var browseIn =
                    changes.await(r -> is(r, browse.profileId(), "browse-" + run, "entered"), Duration.ofSeconds(30));
            assertThat(browseIn.value()).contains("time passed");
            var emailOut =
                    changes.await(r -> is(r, email.profileId(), "email-" + run, "exited"), Duration.ofSeconds(30));
            assertThat(emailOut.value()).contains("time passed");

            List<String> moves = new ArrayList<>();
            changes.seen().stream()
                    .filter(r -> r.key().equals(cart.profileId()))
                    .forEach(r -> moves.add(r.value()));
            assertThat(moves)
                    .as("the cart was not abandoned when it changed, only once idle")
                    .noneMatch(v -> v.contains("idle-cart-" + run) && v.contains("profile change"));
        }
        assertThat(SegmentTestSupport.segmentsOf(redis, cart.profileId())).contains("idle-cart-" + run);
        assertThat(SegmentTestSupport.segmentsOf(redis, email.profileId())).doesNotContain("email-" + run);
    }
}
