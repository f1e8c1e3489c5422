package io.tailor.segment;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.tailor.contracts.HotState;
import io.tailor.contracts.TailorJson;
import io.tailor.contracts.Topics;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.TopicClient;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the component tests share: publishing profiles as profile-service does, and reading memberships. */
public final class SegmentTestSupport {

    static final ObjectMapper JSON = TailorJson.mapper();

    private SegmentTestSupport() {}

    static TopicClient kafka() {
        return new TopicClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    static String change(ProfileSnapshot p, String cause) {
        try {
            return JSON.writeValueAsString(
                    new ProfileChange(p.profileId(), p.version(), Instant.now(), cause, null, List.of(), p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes profiles on profile-changes (and their anonymous-id aliases, as profile-service does). */
    static void publish(TopicClient kafka, RedisDataSource redis, Collection<ProfileSnapshot> profiles) {
        for (ProfileSnapshot p : profiles) {
            if (p.anonymousIds() != null) {
                p.anonymousIds().forEach(a -> redis.value(String.class).set(HotState.anonymousAlias(a), p.profileId()));
            }
        }
        kafka.sendAll(
                Topics.PROFILE_CHANGES,
                profiles.stream()
                        .map(p -> (Map.Entry<String, String>)
                                new AbstractMap.SimpleEntry<>(p.profileId(), change(p, "order_completed")))
                        .toList());
    }

    /** The members of a segment among {@code among}. */
    static Set<String> members(RedisDataSource redis, String segment, Collection<String> among) {
        Set<String> all = redis.set(String.class).smembers("segment:members:" + segment);
        Set<String> found = new TreeSet<>(all);
        found.retainAll(among);
        return found;
    }

    /** The segments a profile is in, from its membership hash (what the decide path reads). */
    static Set<String> segmentsOf(RedisDataSource redis, String profileId) {
        return new TreeSet<>(redis.hash(String.class).hkeys(HotState.memberships(profileId)));
    }

    /** A profile of a shopper with these orders, tagged with the test run (trait run). */
    public static ProfileSnapshot profile(String id, String run, long version, int orders, double spend) {
        return profile(id, run, version, orders, spend, io.tailor.contracts.profile.ConsentState.UNKNOWN);
    }

    /** As above, with the shopper's consent choices. */
    static ProfileSnapshot profile(
            String id,
            String run,
            long version,
            int orders,
            double spend,
            io.tailor.contracts.profile.ConsentState consent) {
        Instant now = Instant.now();
        return new ProfileSnapshot(
                id,
                version,
                null,
                List.of("a-" + id),
                Map.of("run", run),
                consent,
                now.minusSeconds(3600),
                now,
                Math.max(1, orders),
                10,
                5,
                orders,
                java.math.BigDecimal.valueOf(spend),
                java.math.BigDecimal.valueOf(orders == 0 ? 0 : spend / orders),
                orders == 0 ? null : now.minusSeconds(600),
                List.of(),
                io.tailor.contracts.profile.CartState.EMPTY,
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                "desktop",
                "GB",
                io.tailor.contracts.profile.Lifecycle.ENGAGED);
    }

    /** A rule that only this run's profiles can match, and {@code condition}. */
    static String ofRun(String run, String condition) {
        return "'run' in profile.traits && profile.traits['run'] == '" + run + "' && " + condition;
    }

    static void put(String key, String body) {
        given().contentType("application/json")
                .body(body)
                .put("/v1/segments/" + key)
                .then()
                .statusCode(200);
    }
}
