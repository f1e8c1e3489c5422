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
import io.tailor.kit.redis.LoopLocal;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ObjectMapper mapper;

    public ShopperStateReader(@LoopLocal ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
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

    /**
     * The digest of the hot profile the shopper resolves to: the decide path's cheap read, in one round trip (a Lua
     * script resolves the alias, customer id first, and reads the digest).
     */
    public Uni<Optional<ProfileDigest>> digest(ShopperRef shopper) {
        return byAlias(DIGEST_SCRIPT, shopper, HotState.profile(""), HotState.PROFILE_DIGEST_FIELD)
                .map(found -> {
                    if (found == null || found.size() < 2 || found.get(1) == null) {
                        return Optional.<ProfileDigest>empty();
                    }
                    String profileId = found.get(0).toString();
                    return parse(profileId, found.get(1).toString(), ProfileDigest.class);
                });
    }

    /** The profile a shopper resolves to (empty when unknown) and the segments it is in, with when it entered each. */
    public record ResolvedMemberships(Optional<String> profileId, Map<String, Instant> memberships) {

        public static final ResolvedMemberships UNKNOWN = new ResolvedMemberships(Optional.empty(), Map.of());
    }

    /**
     * The profile the shopper resolves to and its segment memberships, in one round trip (a Lua script resolves the
     * alias, customer id first, and reads the memberships hash): the decide path's read of segments.
     */
    public Uni<ResolvedMemberships> resolvedMemberships(ShopperRef shopper) {
        return byAlias(MEMBERSHIPS_SCRIPT, shopper, HotState.memberships("")).map(found -> {
            if (found == null || found.size() < 2) {
                return ResolvedMemberships.UNKNOWN;
            }
            String profileId = found.get(0).toString();
            Response pairs = found.get(1);
            Map<String, String> entries = new LinkedHashMap<>();
            for (int i = 0; pairs != null && i + 1 < pairs.size(); i += 2) {
                entries.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
            }
            return new ResolvedMemberships(Optional.of(profileId), since(profileId, entries));
        });
    }

    /**
     * Runs a script with the shopper's alias keys as KEYS, customer id first, and {@code argv} as ARGV; null when
     * the shopper has no identity.
     */
    private Uni<Response> byAlias(String script, ShopperRef shopper, String... argv) {
        if (shopper == null || shopper.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        List<String> args = new ArrayList<>(List.of(script, "0"));
        if (!blank(shopper.customerId())) {
            args.add(HotState.customerAlias(shopper.customerId()));
        }
        if (!blank(shopper.anonymousId())) {
            args.add(HotState.anonymousAlias(shopper.anonymousId()));
        }
        args.set(1, Integer.toString(args.size() - 2));
        args.addAll(List.of(argv));
        return redis.execute("EVAL", args.toArray(String[]::new));
    }

    /** KEYS: alias keys in order of preference; ARGV: the hot-profile key prefix and the digest field. */
    private static final String DIGEST_SCRIPT =
            """
            for i = 1, #KEYS do
              local id = redis.call('GET', KEYS[i])
              if id then
                return {id, redis.call('HGET', ARGV[1] .. id, ARGV[2])}
              end
            end
            return false
            """;

    /** KEYS: alias keys in order of preference; ARGV: the memberships key prefix. */
    private static final String MEMBERSHIPS_SCRIPT =
            """
            for i = 1, #KEYS do
              local id = redis.call('GET', KEYS[i])
              if id then
                return {id, redis.call('HGETALL', ARGV[1] .. id)}
              end
            end
            return false
            """;

    /** The hot profile the shopper resolves to. */
    public Uni<Optional<ProfileSnapshot>> profile(ShopperRef shopper) {
        return profileId(shopper)
                .flatMap(id ->
                        id.isEmpty() ? Uni.createFrom().item(Optional.<ProfileSnapshot>empty()) : profile(id.get()));
    }

    /** The segments the profile is in, with the time it entered each (segment-service keeps these). */
    public Uni<Map<String, Instant>> memberships(String profileId) {
        return hashes.hgetall(HotState.memberships(profileId)).map(entries -> since(profileId, entries));
    }

    /** Segment → epoch milliseconds entered, as segment-service writes it, read as instants. */
    private static Map<String, Instant> since(String profileId, Map<String, String> entries) {
        Map<String, Instant> memberships = new LinkedHashMap<>();
        entries.forEach((segment, since) -> {
            try {
                memberships.put(segment, Instant.ofEpochMilli(Long.parseLong(since)));
            } catch (NumberFormatException e) {
                LOG.warnf("Ignoring unreadable membership %s of profile %s", segment, profileId);
            }
        });
        return memberships;
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
