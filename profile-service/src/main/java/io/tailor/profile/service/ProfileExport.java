package io.tailor.profile.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.kit.problem.ProblemException;
import io.tailor.kit.state.ShopperStateReader;
import io.tailor.profile.ProfileIdentity;
import io.tailor.profile.ProfileMerge;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything held about a shopper, as one JSON document (a data subject access request): the profile as computed,
 * every identity (e-mail only as its keyed hash: the address is never stored), merge history, consent history, and
 * the segments the shopper is in (segment-service's hot state).
 */
@ApplicationScoped
public class ProfileExport {

    /** The export document. */
    public record Export(
            Instant exportedAt,
            ProfileSnapshot profile,
            List<IdentityView> identities,
            List<MergeView> merges,
            List<ConsentView> consentHistory,
            Map<String, Instant> segments,
            String note) {}

    public record IdentityView(String kind, String value, Instant linkedAt) {}

    public record MergeView(String survivorId, String mergedId, String reason, Instant mergedAt) {}

    public record ConsentView(String purpose, boolean granted, String source, Instant occurredAt) {}

    private final ProfileQueries queries;
    private final ShopperStateReader shoppers;
    private final io.vertx.mutiny.sqlclient.Pool pool;
    private final Clock clock;

    public ProfileExport(
            ProfileQueries queries, ShopperStateReader shoppers, io.vertx.mutiny.sqlclient.Pool pool, Clock clock) {
        this.queries = queries;
        this.shoppers = shoppers;
        this.pool = pool;
        this.clock = clock;
    }

    @WithSession
    public Uni<Export> export(String profileId) {
        return queries.byIdFromDatabase(profileId).flatMap(found -> {
            ProfileSnapshot profile = found.orElseThrow(() -> ProblemException.notFound("No profile " + profileId));
            String id = profile.profileId();
            Uni<List<ProfileIdentity>> identities = ProfileIdentity.list("profileId = ?1 order by linkedAt", id);
            Uni<List<ProfileMerge>> merges = ProfileMerge.list("survivorId = ?1 order by mergedAt", id);
            return identities.flatMap(
                    ids -> merges.flatMap(ms -> consent(id).flatMap(consent -> shoppers.memberships(id)
                            .map(segments -> new Export(
                                    clock.instant(),
                                    profile,
                                    ids.stream()
                                            .map(i -> new IdentityView(i.kind, i.value, i.linkedAt))
                                            .toList(),
                                    ms.stream()
                                            .map(m -> new MergeView(m.survivorId, m.mergedId, m.reason, m.mergedAt))
                                            .toList(),
                                    consent,
                                    segments,
                                    "E-mail addresses are never stored, only their keyed hash. Other services hold only"
                                            + " pseudonymous data derived from this profile (experiment assignments, content"
                                            + " frequency caps) and erase it with the profile.")))));
        });
    }

    private Uni<List<ConsentView>> consent(String profileId) {
        return pool.preparedQuery("SELECT purpose, granted, source, occurred_at FROM consent_record"
                        + " WHERE profile_id = $1 ORDER BY occurred_at")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(profileId))
                .map(rows -> {
                    List<ConsentView> views = new java.util.ArrayList<>();
                    rows.forEach(r -> views.add(new ConsentView(
                            r.getString("purpose"),
                            r.getBoolean("granted"),
                            r.getString("source"),
                            r.getOffsetDateTime("occurred_at").toInstant())));
                    return views;
                });
    }
}
