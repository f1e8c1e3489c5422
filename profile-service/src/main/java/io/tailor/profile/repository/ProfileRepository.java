package io.tailor.profile.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tailor.profile.Profile;
import io.tailor.profile.ProfileIdentity;
import io.tailor.profile.ProfileMerge;
import io.tailor.profile.domain.IdentityKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads of profiles, their identities and merge history (the API side). */
@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<Profile, String> {

    /** The profile an identity resolves to, if any. */
    public Uni<String> ownerOf(IdentityKey key) {
        return ProfileIdentity.<ProfileIdentity>find(
                        "kind = ?1 and value = ?2", key.kind().column(), key.value())
                .firstResult()
                .map(identity -> identity == null ? null : identity.profileId);
    }

    /** The identities of a profile, most recently linked first. */
    public Uni<List<ProfileIdentity>> identitiesOf(String profileId) {
        return ProfileIdentity.list("profileId = ?1 order by linkedAt desc", profileId);
    }

    /** The profile {@code profileId} was merged into, if it was. */
    public Uni<String> survivorOf(String profileId) {
        return ProfileMerge.<ProfileMerge>find("mergedId = ?1 order by mergedAt desc", profileId)
                .firstResult()
                .map(merge -> merge == null ? null : merge.survivorId);
    }

    /** Merges that folded other profiles into {@code profileId}, oldest first. */
    public Uni<List<ProfileMerge>> mergesInto(String profileId) {
        return ProfileMerge.list("survivorId = ?1 order by mergedAt", profileId);
    }
}
