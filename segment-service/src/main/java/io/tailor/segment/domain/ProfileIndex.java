package io.tailor.segment.domain;

import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.rules.RuleInputs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Every profile this service knows, in memory, as what rules read: the profile's rule input in its compact protobuf
 * encoding (without scores, which are added when evaluated) plus the facts RFM scoring needs. Previews and
 * backfills evaluate one rule over all of it, decoding only the fields the rule reads ({@link
 * io.tailor.rules.InputProjection}); about 0.5–3 KB per profile.
 */
public final class ProfileIndex {

    /**
     * @param input the encoded {@code RuleInputs.profile(snapshot, scores)}; the scores in it are replaced by the
     *     scores in use when evaluated
     */
    public record Entry(String profileId, long version, byte[] input, RfmModel.Facts facts) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    /** Encodes a profile for the index. */
    public static Entry entry(ProfileSnapshot p) {
        return new Entry(
                p.profileId(),
                p.version(),
                RuleInputs.profile(p, RuleInputs.Scores.NONE).toByteArray(),
                facts(p));
    }

    public static RfmModel.Facts facts(ProfileSnapshot p) {
        return new RfmModel.Facts(
                p.orders(),
                p.totalSpend() == null ? 0 : p.totalSpend().doubleValue(),
                p.lastOrderAt() == null ? 0 : p.lastOrderAt().toEpochMilli());
    }

    /**
     * Keeps the entry unless a newer version is held. Only a version not held before counts as a change: both
     * consumers of profile-changes put the same versions.
     */
    public void put(Entry entry) {
        boolean[] newer = {false};
        entries.compute(entry.profileId(), (id, old) -> {
            if (old == null || entry.version() > old.version()) {
                newer[0] = true;
                return entry;
            }
            return entry.version() == old.version() ? entry : old;
        });
        if (newer[0]) {
            changes.incrementAndGet();
        }
    }

    /** As {@link #put(Entry)}; a version already held is not encoded again (both consumers put each one). */
    public void put(ProfileSnapshot profile) {
        Entry held = entries.get(profile.profileId());
        if (held == null || profile.version() > held.version()) {
            put(entry(profile));
        }
    }

    public void remove(String profileId) {
        if (entries.remove(profileId) != null) {
            changes.incrementAndGet();
        }
    }

    public Optional<Entry> get(String profileId) {
        return Optional.ofNullable(entries.get(profileId));
    }

    public int size() {
        return entries.size();
    }

    /** Changes since the counter was last taken (for deciding when scores are stale). */
    public long takeChanges() {
        return changes.getAndSet(0);
    }

    public long changes() {
        return changes.get();
    }

    public List<RfmModel.Facts> facts() {
        List<RfmModel.Facts> all = new ArrayList<>(entries.size());
        entries.values().forEach(e -> all.add(e.facts()));
        return all;
    }

    /** A stable copy of the entries, for one pass over everyone. */
    public List<Entry> snapshot() {
        return new ArrayList<>(entries.values());
    }

    public void forEach(BiConsumer<String, Entry> each) {
        entries.forEach(each);
    }

    public Collection<Entry> entries() {
        return entries.values();
    }
}
