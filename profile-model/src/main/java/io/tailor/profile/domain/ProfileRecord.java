package io.tailor.profile.domain;

import java.util.ArrayList;
import java.util.List;

/** A profile as the event pipeline holds it between loading and saving. */
public final class ProfileRecord {

    /**
     * How many identities of each kind the pipeline loads with a profile, most recently linked first, and how many
     * anonymous ids a snapshot carries. A shared login can link thousands of browsers; loading them all on every
     * event would make that profile's events ever slower.
     */
    public static final int RECENT_PER_KIND = 20;

    private final String id;
    private final long loadedVersion;
    private final boolean isNew;
    private final ProfileState state;
    private final List<IdentityKey> identities;
    private String customerId;
    private String emailHash;

    public ProfileRecord(
            String id,
            long loadedVersion,
            boolean isNew,
            String customerId,
            String emailHash,
            ProfileState state,
            List<IdentityKey> identities) {
        this.id = id;
        this.loadedVersion = loadedVersion;
        this.isNew = isNew;
        this.customerId = customerId;
        this.emailHash = emailHash;
        this.state = state;
        this.identities = new ArrayList<>(identities);
    }

    public static ProfileRecord create(String id) {
        return new ProfileRecord(id, 0, true, null, null, new ProfileState(), List.of());
    }

    public String id() {
        return id;
    }

    /** The version after this pipeline's change. */
    public long nextVersion() {
        return loadedVersion + 1;
    }

    public long loadedVersion() {
        return loadedVersion;
    }

    public boolean isNew() {
        return isNew;
    }

    public ProfileState state() {
        return state;
    }

    public String customerId() {
        return customerId;
    }

    public void customerId(String customerId) {
        this.customerId = customerId;
    }

    public String emailHash() {
        return emailHash;
    }

    public void emailHash(String emailHash) {
        this.emailHash = emailHash;
    }

    /**
     * The identities of this profile the pipeline holds, most recently linked first: those loaded (at most
     * {@link #RECENT_PER_KIND} of each kind) and those linked in this batch.
     */
    public List<IdentityKey> identities() {
        return identities;
    }

    public void link(IdentityKey key) {
        identities.remove(key);
        identities.addFirst(key);
    }

    /**
     * Adds an identity known to resolve to this profile that was not loaded with it (an older one an event of the
     * batch uses), as the least recent, so that a merge relinks it with the rest.
     */
    public void include(IdentityKey key) {
        if (!identities.contains(key)) {
            identities.addLast(key);
        }
    }

    public void unlink(IdentityKey key) {
        identities.remove(key);
    }

    /** The anonymous ids of this profile, most recent first, at most {@code limit}. */
    public List<String> anonymousIds(int limit) {
        return identities.stream()
                .filter(k -> k.kind() == IdentityKey.Kind.ANONYMOUS)
                .map(IdentityKey::value)
                .limit(limit)
                .toList();
    }
}
