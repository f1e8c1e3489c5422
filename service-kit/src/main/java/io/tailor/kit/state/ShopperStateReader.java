package io.tailor.kit.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.HotState;
import io.tailor.contracts.decision.ShopperRef;
import io.tailor.contracts.profile.ProfileDigest;
import io.tailor.contracts.profile.ProfileSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads the hot shopper state other services publish in Redis ({@link HotState}): which profile an identity
 * resolves to, the profile itself, and its segment memberships. Missing or unreadable state reads as empty: on the
 * decide path an unknown shopper is served as a new visitor, never as an error.
 */
@ApplicationScoped
public class ShopperStateReader {

    private static final Logger LOG = Logger.getLogger(ShopperStateReader.class);

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ObjectMapper mapper;

    public ShopperStateReader(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.values = redis.value(String.class);
        this.hashes = redis.hash(String.class);
        this.mapper = mapper;
    }

    /** The profile id the shopper resolves to: the customer id's profile when known, else the anonymous id's. */
    public Uni<Optional<String>> profileId(ShopperRef shopper) {
        if (shopper == null || shopper.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String customerKey = blank(shopper.customerId()) ? null : HotState.customerAlias(shopper.customerId());
        String anonymousKey = blank(shopper.anonymousId()) ? null : HotState.anonymousAlias(shopper.anonymousId());
        if (customerKey != null && anonymousKey != null) {
            return values.mget(customerKey, anonymousKey).map(found -> Optional.ofNullable(found.get(customerKey))
                    .or(() -> Optional.ofNullable(found.get(anonymousKey))));
        }
        return values.get(customerKey != null ? customerKey : anonymousKey).map(Optional::ofNullable);
    }

    /** The hot profile of {@code profileId}, if profile-service has published one. */
    public Uni<Optional<ProfileSnapshot>> profile(String profileId) {
        return hashes.hget(HotState.profile(profileId), HotState.PROFILE_SNAPSHOT_FIELD)
                .map(json -> parse(profileId, json, ProfileSnapshot.class));
    }

    /** The digest of the hot profile the shopper resolves to: the decide path's cheap read. */
    public Uni<Optional<ProfileDigest>> digest(ShopperRef shopper) {
        return profileId(shopper)
                .flatMap(id -> id.isEmpty()
                        ? Uni.createFrom().item(Optional.<ProfileDigest>empty())
                        : hashes.hget(HotState.profile(id.get()), HotState.PROFILE_DIGEST_FIELD)
                                .map(json -> parse(id.get(), json, ProfileDigest.class)));
    }

    /** The hot profile the shopper resolves to. */
    public Uni<Optional<ProfileSnapshot>> profile(ShopperRef shopper) {
        return profileId(shopper)
                .flatMap(id ->
                        id.isEmpty() ? Uni.createFrom().item(Optional.<ProfileSnapshot>empty()) : profile(id.get()));
    }

    /** The segments the profile is in, with the time it entered each (segment-service keeps these). */
    public Uni<Map<String, Instant>> memberships(String profileId) {
        return hashes.hgetall(HotState.memberships(profileId)).map(entries -> {
            Map<String, Instant> memberships = new LinkedHashMap<>();
            entries.forEach((segment, since) -> {
                try {
                    memberships.put(segment, Instant.ofEpochMilli(Long.parseLong(since)));
                } catch (NumberFormatException e) {
                    LOG.warnf("Ignoring unreadable membership %s of profile %s", segment, profileId);
                }
            });
            return memberships;
        });
    }

    private <T> Optional<T> parse(String profileId, String json, Class<T> type) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(json, type));
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignoring unreadable hot profile %s: %s", profileId, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
