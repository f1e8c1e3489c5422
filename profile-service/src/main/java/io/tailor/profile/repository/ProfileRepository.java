package io.tailor.profile.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tailor.profile.Profile;
import io.tailor.profile.ProfileIdentity;
import io.tailor.profile.ProfileMerge;
import io.tailor.profile.domain.IdentityKey;
import io.tailor.profile.domain.ProfileRecord;
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

    /**
     * A profile's {@link ProfileRecord#RECENT_PER_KIND} most recently linked identities of each kind, most recent
     * first (a shared login may have thousands of anonymous ids; the export reads them all).
     */
    public Uni<List<IdentityKey>> recentIdentitiesOf(String profileId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                ProfileStore.recentIdentities("(VALUES (CAST(?1 AS varchar)))", "?2"), Object[].class)
                        .setParameter(1, profileId)
                        .setParameter(2, ProfileRecord.RECENT_PER_KIND)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new IdentityKey(IdentityKey.Kind.ofColumn((String) r[1]), (String) r[2]))
                        .toList());
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
