package io.tailor.profile.cache;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.HotState;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileDigest;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.redis.LoopLocal;
import io.tailor.profile.messaging.ProfileChangeJson;
import io.tailor.profile.messaging.ProfileChangeJson.Encoded;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes profiles to the hot state other services read on the decide path ({@link HotState}): the snapshot and
 * the aliases of each identity, in one pipelined round trip per batch. A snapshot never replaces a newer version.
 */
@ApplicationScoped
public class HotProfileWriter {

    /** Sets snapshot and digest unless a newer version is stored; KEYS[1] hot key, ARGV version, snapshot, ttl, digest. */
    private static final String SET_IF_NEWER =
            """
            local current = redis.call('HGET', KEYS[1], 'version')
            if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[1], 'snapshot', ARGV[2], 'digest', ARGV[4])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return 1
            """;

    private static final String TTL_SECONDS = Long.toString(HotState.SHOPPER_STATE_TTL.toSeconds());

    private final Redis redis;
    private final ProfileChangeJson json;

    public HotProfileWriter(@LoopLocal Redis redis, ProfileChangeJson json) {
        this.redis = redis;
        this.json = json;
    }

    /**
     * Writes every changed profile and the aliases of its identities, removes profiles merged away, and points the
     * given anonymous ids at their profiles (those a snapshot does not carry, e.g. older browsers of a merged profile).
     */
    public Uni<Void> publish(List<Encoded> changes, Map<String, String> anonymousAliases) {
        List<Request> requests = new ArrayList<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Encoded encoded : changes) {
            ProfileChange change = encoded.change();
            for (String merged : change.mergedProfileIds()) {
                requests.add(Request.cmd(Command.DEL).arg(HotState.profile(merged)));
            }
            if (change.profile() != null) {
                addWrite(requests, change.profile(), encoded.profileJson(), aliases);
            }
        }
        anonymousAliases.forEach(
                (anonymousId, profileId) -> aliases.put(HotState.anonymousAlias(anonymousId), profileId));
        aliases.forEach((key, profileId) -> requests.add(alias(key, profileId)));
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.batch(requests).replaceWithVoid();
    }

    /** Removes a profile and the given aliases from the hot state (erasure). */
    public Uni<Void> remove(String profileId, Collection<String> aliasKeys) {
        Request del = Request.cmd(Command.DEL).arg(HotState.profile(profileId));
        aliasKeys.forEach(del::arg);
        return redis.send(del).replaceWithVoid();
    }

    private void addWrite(
            List<Request> requests, ProfileSnapshot profile, String profileJson, Map<String, String> aliases) {
        requests.add(Request.cmd(Command.EVAL)
                .arg(SET_IF_NEWER)
                .arg(1)
                .arg(HotState.profile(profile.profileId()))
                .arg(profile.version())
                .arg(profileJson)
                .arg(TTL_SECONDS)
                .arg(json.write(ProfileDigest.of(profile))));
        for (String anonymousId : profile.anonymousIds()) {
            aliases.put(HotState.anonymousAlias(anonymousId), profile.profileId());
        }
        if (profile.customerId() != null) {
            aliases.put(HotState.customerAlias(profile.customerId()), profile.profileId());
        }
    }

    private static Request alias(String key, String profileId) {
        return Request.cmd(Command.SET).arg(key).arg(profileId).arg("EX").arg(TTL_SECONDS);
    }
}
