package io.tailor.profile.domain;

import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.profile.ProfileChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Applies a batch of shopper events to the profiles they concern, in memory: resolves each event's identities to a
 * profile, stitches identities together (merging an anonymous history into the customer's profile), applies the
 * event, and records what must be saved and published. Plain Java; the caller loads and saves.
 *
 * <p>Stitching rules (docs/profiles.md): a customer id always resolves to its own profile; a profile without a
 * customer id that shares an identity with it is merged into it; two different customers are never merged (a shared
 * browser's anonymous id moves to the customer who logged in last).
 */
public final class EventBatchApplier {

    private final Map<IdentityKey, String> directory;
    private final Map<String, ProfileRecord> profiles;
    private final Supplier<String> newProfileId;
    private final Function<String, String> emailHasher;
    private final ProfilePolicy policy;

    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> republish = new LinkedHashSet<>();
    private final Map<String, ShopperEvent> lastCause = new LinkedHashMap<>();
    private final Set<IdentityKey> relinked = new LinkedHashSet<>();
    private final Set<IdentityKey> browsers = new LinkedHashSet<>();
    private final List<ProfileMergeRecord> merges = new ArrayList<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private final Map<String, List<String>> mergedInto = new LinkedHashMap<>();
    private final List<ConsentRecord> consentRecords = new ArrayList<>();
    private final Map<String, String> survivorOf = new LinkedHashMap<>();
    private final Map<ShopperEvent, String> rejected = new LinkedHashMap<>();

    /** A rejected event and why. */
    public record Rejection(ShopperEvent event, String reason) {}

    /**
     * @param directory every identity of the batch (and of the loaded profiles) that resolves, to its profile id
     * @param profiles the loaded profiles by id, each with its most recently linked identities (a profile's other
     *     identities stay where they are stored; {@link #profileMoves()} says where they go when it is merged away)
     */
    public EventBatchApplier(
            Map<IdentityKey, String> directory,
            Map<String, ProfileRecord> profiles,
            Supplier<String> newProfileId,
            Function<String, String> emailHasher,
            ProfilePolicy policy) {
        this.directory = new LinkedHashMap<>(directory);
        this.profiles = new LinkedHashMap<>(profiles);
        // an identity the batch resolved but that was not among the most recent loaded with its profile must still
        // follow that profile through a merge in this batch, or a later event using it would find no profile
        this.directory.forEach((key, profileId) -> {
            ProfileRecord owner = this.profiles.get(profileId);
            if (owner != null) {
                owner.include(key);
            }
        });
        this.newProfileId = newProfileId;
        this.emailHasher = emailHasher;
        this.policy = policy;
    }

    /** The identities an event is known by, strongest first: customer, e-mail, anonymous. */
    public static List<IdentityKey> identitiesOf(ShopperEvent event, Function<String, String> emailHasher) {
        String email =
                event.type() == EventType.IDENTIFY ? event.propertiesOrEmpty().email() : null;
        return Stream.of(
                        IdentityKey.customer(event.customerId()),
                        email == null ? null : IdentityKey.email(emailHasher.apply(email)),
                        IdentityKey.anonymous(event.anonymousId()))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** Applies a new event. */
    public void apply(ShopperEvent event) {
        List<IdentityKey> keys = identitiesOf(event, emailHasher);
        ProfileRecord current = resolve(event, keys);
        for (IdentityKey key : keys) {
            current = stitch(current, key, event);
            if (key.kind() == IdentityKey.Kind.ANONYMOUS) {
                browsers.add(key);
            }
        }
        if (event.type() == EventType.IDENTIFY && event.propertiesOrEmpty().email() != null) {
            current.emailHash(emailHasher.apply(event.propertiesOrEmpty().email()));
        }
        changed.add(current.id());
        try {
            current.state().apply(event, policy);
        } catch (RejectedEvent e) {
            rejected.put(event, e.getMessage());
            return;
        }
        lastCause.put(current.id(), event);
        if (event.type() == EventType.CONSENT_UPDATED
                && event.propertiesOrEmpty().consent() != null) {
            String source = event.propertiesOrEmpty().consentSource();
            String profileId = current.id();
            event.propertiesOrEmpty().consent().forEach((purpose, granted) -> {
                if (granted != null) {
                    consentRecords.add(new ConsentRecord(
                            profileId, purpose, granted, source, event.eventId(), event.occurredAt()));
                }
            });
        }
    }

    /**
     * Notes an event that was already applied earlier (a redelivery): its profile's current state is published
     * again, so a failure between saving and publishing heals on redelivery.
     */
    public void touch(ShopperEvent event) {
        List<IdentityKey> keys = identitiesOf(event, emailHasher);
        keys.stream()
                .filter(key -> key.kind() == IdentityKey.Kind.ANONYMOUS && directory.containsKey(key))
                .forEach(browsers::add);
        for (IdentityKey key : keys) {
            String id = directory.get(key);
            if (id != null && profiles.containsKey(id)) {
                republish.add(id);
                return;
            }
        }
    }

    private ProfileRecord resolve(ShopperEvent event, List<IdentityKey> keys) {
        IdentityKey customer = IdentityKey.customer(event.customerId());
        if (customer == null) {
            for (IdentityKey key : keys) {
                String id = directory.get(key);
                if (id != null) {
                    return profiles.get(id);
                }
            }
            return create();
        }
        String own = directory.get(customer);
        if (own != null) {
            return profiles.get(own);
        }
        ProfileRecord adopted = null;
        for (IdentityKey key : keys) {
            String id = directory.get(key);
            ProfileRecord candidate = id == null ? null : profiles.get(id);
            if (candidate != null
                    && (candidate.customerId() == null || candidate.customerId().equals(customer.value()))) {
                adopted = candidate;
                break;
            }
        }
        ProfileRecord target = adopted != null ? adopted : create();
        target.customerId(customer.value());
        return target;
    }

    /** Makes {@code key} resolve to {@code current}'s profile; returns the profile that carries on. */
    private ProfileRecord stitch(ProfileRecord current, IdentityKey key, ShopperEvent event) {
        String ownerId = directory.get(key);
        if (ownerId == null) {
            link(key, current);
            return current;
        }
        if (ownerId.equals(current.id())) {
            return current;
        }
        ProfileRecord owner = profiles.get(ownerId);
        boolean twoCustomers = owner.customerId() != null
                && current.customerId() != null
                && !owner.customerId().equals(current.customerId());
        if (twoCustomers) {
            if (key.kind() == IdentityKey.Kind.ANONYMOUS) {
                owner.unlink(key);
                changed.add(owner.id());
                link(key, current);
            }
            return current;
        }
        boolean keepCurrent = current.customerId() != null || owner.customerId() == null;
        ProfileRecord survivor = keepCurrent ? current : owner;
        ProfileRecord merged = keepCurrent ? owner : current;
        merge(merged, survivor, event);
        return survivor;
    }

    private void merge(ProfileRecord merged, ProfileRecord survivor, ShopperEvent event) {
        survivor.state().absorb(merged.state(), policy);
        if (survivor.customerId() == null) {
            survivor.customerId(merged.customerId());
        }
        if (survivor.emailHash() == null) {
            survivor.emailHash(merged.emailHash());
        }
        for (IdentityKey key : List.copyOf(merged.identities()).reversed()) {
            link(key, survivor);
        }
        profiles.remove(merged.id());
        changed.remove(merged.id());
        republish.remove(merged.id());
        lastCause.remove(merged.id());
        changed.add(survivor.id());
        survivorOf.put(merged.id(), survivor.id());
        List<String> absorbed = mergedInto.computeIfAbsent(survivor.id(), id -> new ArrayList<>());
        List<String> transitive = mergedInto.remove(merged.id());
        if (!merged.isNew()) {
            absorbed.add(merged.id());
            removed.add(merged.id());
            String reason = event.type() == EventType.IDENTIFY ? "identify" : "login";
            merges.add(new ProfileMergeRecord(survivor.id(), merged.id(), reason, event.eventId(), event.occurredAt()));
        }
        if (transitive != null) {
            absorbed.addAll(transitive);
        }
    }

    private void link(IdentityKey key, ProfileRecord profile) {
        directory.put(key, profile.id());
        profile.link(key);
        relinked.add(key);
    }

    private ProfileRecord create() {
        ProfileRecord record = ProfileRecord.create(newProfileId.get());
        profiles.put(record.id(), record);
        return record;
    }

    /** Profiles to insert or update. */
    public List<ProfileRecord> changedProfiles() {
        return changed.stream().map(profiles::get).toList();
    }

    /** Identity links to write: each key with the profile it now resolves to. */
    public Map<IdentityKey, String> links() {
        Map<IdentityKey, String> links = new LinkedHashMap<>();
        relinked.forEach(key -> links.put(key, directory.get(key)));
        return links;
    }

    /**
     * Every anonymous id whose profile the hot state must name after this batch, with that profile: those the
     * batch's events came from (an old browser of a profile with many is not among the ids its snapshot carries)
     * and those linked to another profile.
     */
    public Map<String, String> anonymousAliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Set<IdentityKey> keys : List.of(browsers, relinked)) {
            for (IdentityKey key : keys) {
                String profileId = directory.get(key);
                if (key.kind() == IdentityKey.Kind.ANONYMOUS && profiles.containsKey(profileId)) {
                    aliases.put(key.value(), profileId);
                }
            }
        }
        return aliases;
    }

    /** Merges to record, each naming the profile that survives the batch (not one merged away later in it). */
    public List<ProfileMergeRecord> merges() {
        return merges.stream()
                .map(m -> new ProfileMergeRecord(
                        finalSurvivor(m.survivorId()), m.mergedId(), m.reason(), m.causeEventId(), m.at()))
                .toList();
    }

    /**
     * Each saved profile merged away in this batch, with the profile that survives the batch: what still belongs to
     * the merged profile in storage (identities not loaded, consent history) moves there.
     */
    public Map<String, String> profileMoves() {
        Map<String, String> moves = new LinkedHashMap<>();
        removed.forEach(id -> moves.put(id, finalSurvivor(id)));
        return moves;
    }

    private String finalSurvivor(String profileId) {
        String id = profileId;
        while (!profiles.containsKey(id) && survivorOf.containsKey(id)) {
            id = survivorOf.get(id);
        }
        return profiles.containsKey(id) ? id : profileId;
    }

    /** Consent choices applied in this batch, to add to the history (profile ids as of the end of the batch). */
    public List<ConsentRecord> consentRecords() {
        return consentRecords.stream()
                .map(r -> new ConsentRecord(
                        finalSurvivor(r.profileId()),
                        r.purpose(),
                        r.granted(),
                        r.source(),
                        r.eventId(),
                        r.occurredAt()))
                .toList();
    }

    /** Events that were valid but could not apply, with the reason (to dead-letter). */
    public List<Rejection> rejections() {
        List<Rejection> out = new ArrayList<>();
        rejected.forEach((event, reason) -> out.add(new Rejection(event, reason)));
        return out;
    }

    /** What to publish on profile-changes: every changed profile, and unchanged ones touched by redeliveries. */
    public List<ProfileChange> changes(Instant now) {
        List<ProfileChange> result = new ArrayList<>();
        for (String id : changed) {
            result.add(change(profiles.get(id), profiles.get(id).nextVersion(), now));
        }
        for (String id : republish) {
            if (!changed.contains(id) && profiles.containsKey(id)) {
                result.add(change(profiles.get(id), profiles.get(id).loadedVersion(), now));
            }
        }
        return result;
    }

    private ProfileChange change(ProfileRecord record, long version, Instant now) {
        ShopperEvent cause = lastCause.get(record.id());
        return new ProfileChange(
                record.id(),
                version,
                now,
                cause == null ? "redelivery" : cause.type().wireName(),
                cause == null ? null : cause.eventId(),
                mergedInto.getOrDefault(record.id(), List.of()),
                record.state()
                        .snapshot(
                                record.id(),
                                version,
                                record.customerId(),
                                record.anonymousIds(ProfileRecord.RECENT_PER_KIND),
                                policy,
                                now));
    }
}
