package io.tailor.content.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.contracts.profile.RecentView;
import io.tailor.contracts.segment.SegmentChange;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Moves shoppers into and out of journeys as profile-changes and segment-changes arrive: keeps what journeys need to
 * know of each profile (customer id, marketing consent, cart, last order), ends the runs whose exit conditions were
 * met, and enrols the shopper in the journeys the change triggers, by each journey's re-entry rule.
 */
@ApplicationScoped
public class JourneyEngine {

    static final String ACTIVE = "active";
    static final String COMPLETED = "completed";
    static final String EXITED = "exited";

    private final Pool pool;
    private final JourneyCatalog catalog;
    private final ObjectMapper mapper;
    private final Clock clock;

    public JourneyEngine(Pool pool, JourneyCatalog catalog, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.catalog = catalog;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Applies profile changes in the order they came, in one transaction: for each, merges, exits, then enrolments;
     * and what journeys keep of each profile (its latest state in the batch, unless erased after it) in one batched
     * statement at the end. One transaction a poll instead of a few statements a change: profile-changes carries one
     * record per applied event batch and shopper, so this is most of what ingestion costs content-service.
     */
    public Uni<Void> onProfileChanges(List<ProfileChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, ProfileSnapshot> latest = new LinkedHashMap<>();
        for (ProfileChange change : changes) {
            if (change.erased()) {
                latest.remove(change.profileId());
            } else if (change.profile() != null) {
                latest.put(change.profileId(), change.profile());
            }
        }
        return pool.withTransaction(tx -> Multi.createFrom()
                .iterable(changes)
                .onItem()
                .transformToUniAndConcatenate(change -> apply(tx, change))
                .collect()
                .last()
                .call(() -> remember(tx, latest))
                .replaceWithVoid());
    }

    /** One change's merges, exits and enrolments (an erasure forgets the profile). */
    private Uni<Void> apply(SqlClient sql, ProfileChange change) {
        if (change.erased()) {
            return forget(sql, List.of(change.profileId()));
        }
        ProfileSnapshot profile = change.profile();
        Uni<Void> state = Uni.createFrom().voidItem();
        if (change.mergedProfileIds() != null && !change.mergedProfileIds().isEmpty()) {
            state = sql.preparedQuery("UPDATE journey_run SET status = 'exited', ended_reason = 'merged into ' || $2,"
                            + " updated_at = $3 WHERE status = 'active' AND profile_id = ANY($1)")
                    .execute(Tuple.of(change.mergedProfileIds().toArray(String[]::new), change.profileId(), utc(now())))
                    .replaceWithVoid();
        }
        String cause = change.cause();
        if (cause == null) {
            return state;
        }
        Uni<Void> exited = state.call(() -> exitOn(sql, change.profileId(), cause));
        if (profile == null || profile.customerId() == null) {
            // an anonymous shopper cannot be written to: no enrolment until they are identified
            return exited;
        }
        return exited.call(() -> catalog.triggeredByEvent(cause)
                        .call(journeys -> enrolAll(sql, change.profileId(), journeys, context(cause, profile))))
                .replaceWithVoid();
    }

    /** Applies a segment entry or exit. */
    public Uni<Void> onSegmentChange(SegmentChange change) {
        if (change.direction() == SegmentChange.Direction.ENTERED) {
            return catalog.triggeredBySegment(change.segmentKey())
                    .call(journeys -> enrolAll(
                            pool, change.profileId(), journeys, Map.of("trigger", "segment:" + change.segmentKey())))
                    .replaceWithVoid();
        }
        return catalog.all().flatMap(all -> {
            String[] ending = all.values().stream()
                    .filter(e -> Boolean.TRUE.equals(e.definition().exitOnSegmentExit())
                            && change.segmentKey()
                                    .equals(e.definition().trigger().segmentEntered()))
                    .map(JourneyCatalog.Entry::key)
                    .toArray(String[]::new);
            return ending.length == 0
                    ? Uni.createFrom().voidItem()
                    : end(pool, change.profileId(), ending, "left segment " + change.segmentKey());
        });
    }

    /** Enrols a profile in one journey by its re-entry rule (also used when a journey hands off with then). */
    public Uni<Void> enrol(String profileId, JourneyCatalog.Entry journey, Map<String, Object> context) {
        return enrol(pool, profileId, journey, context);
    }

    private Uni<Void> enrol(
            SqlClient sql, String profileId, JourneyCatalog.Entry journey, Map<String, Object> context) {
        JourneyDefinition definition = journey.definition();
        Instant now = now();
        Instant due = now.plus(JourneyValidator.delayOf(definition.steps().getFirst()));
        String insert = "INSERT INTO journey_run (id, journey_key, journey_version, profile_id, status, step, due_at,"
                + " started_at, updated_at, context) ";
        String statement =
                switch (definition.reentryOrDefault()) {
                    case RESTART ->
                        insert + "VALUES ($1, $2, $3, $4, 'active', 0, $5, $6, $6, $7)"
                                + " ON CONFLICT (journey_key, profile_id) WHERE status = 'active' DO UPDATE SET"
                                + " id = $1, step = 0, due_at = $5, started_at = $6, updated_at = $6, context = $7,"
                                + " journey_version = $3";
                    case IGNORE ->
                        insert + "VALUES ($1, $2, $3, $4, 'active', 0, $5, $6, $6, $7)"
                                + " ON CONFLICT (journey_key, profile_id) WHERE status = 'active' DO NOTHING";
                    case ONCE ->
                        // the casts give $2 and $4 one type, whether or not the client states the parameters' types
                        insert + "SELECT $1, $2::varchar, $3, $4::varchar, 'active', 0, $5, $6, $6, $7 WHERE NOT EXISTS"
                                + " (SELECT 1 FROM journey_run WHERE journey_key = $2 AND profile_id = $4)"
                                + " ON CONFLICT (journey_key, profile_id) WHERE status = 'active' DO NOTHING";
                };
        return sql.preparedQuery(statement)
                .execute(Tuple.from(List.of(
                        UUID.randomUUID(),
                        journey.key(),
                        journey.version(),
                        profileId,
                        utc(due),
                        utc(now),
                        new JsonObject(context))))
                .replaceWithVoid();
    }

    /** Ends a profile's active runs of the given journeys with a reason. */
    private Uni<Void> end(SqlClient sql, String profileId, String[] journeys, String reason) {
        return sql.preparedQuery("UPDATE journey_run SET status = 'exited', ended_reason = $3, updated_at = $4"
                        + " WHERE status = 'active' AND profile_id = $1 AND journey_key = ANY($2)")
                .execute(Tuple.of(profileId, journeys, reason, utc(now())))
                .replaceWithVoid();
    }

    /** Drops everything journeys keep about these profiles (erasure). */
    public Uni<Void> forget(List<String> profileIds) {
        return forget(pool, profileIds);
    }

    private Uni<Void> forget(SqlClient sql, List<String> profileIds) {
        String[] ids = profileIds.toArray(String[]::new);
        return sql.preparedQuery("DELETE FROM journey_run WHERE profile_id = ANY($1)")
                .execute(Tuple.of((Object) ids))
                .call(() -> sql.preparedQuery("DELETE FROM message WHERE profile_id = ANY($1)")
                        .execute(Tuple.of((Object) ids)))
                .call(() -> sql.preparedQuery("DELETE FROM unsubscribed WHERE profile_id = ANY($1)")
                        .execute(Tuple.of((Object) ids)))
                .call(() -> sql.preparedQuery("DELETE FROM journey_profile WHERE profile_id = ANY($1)")
                        .execute(Tuple.of((Object) ids)))
                .replaceWithVoid();
    }

    private Uni<Void> exitOn(SqlClient sql, String profileId, String eventType) {
        return catalog.all().flatMap(all -> {
            String[] ending = all.values().stream()
                    .filter(e -> e.definition().exitOnOrEmpty().contains(eventType))
                    .map(JourneyCatalog.Entry::key)
                    .toArray(String[]::new);
            return ending.length == 0 ? Uni.createFrom().voidItem() : end(sql, profileId, ending, eventType);
        });
    }

    private Uni<Void> enrolAll(
            SqlClient sql, String profileId, List<JourneyCatalog.Entry> journeys, Map<String, Object> context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (JourneyCatalog.Entry journey : journeys) {
            chain = chain.call(() -> enrol(sql, profileId, journey, context));
        }
        return chain;
    }

    /** What journeys keep of each profile: customer id, marketing consent, cart size and last order. */
    private Uni<Void> remember(SqlClient sql, Map<String, ProfileSnapshot> profiles) {
        if (profiles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = utc(now());
        List<Tuple> rows = new ArrayList<>(profiles.size());
        profiles.forEach((profileId, profile) -> rows.add(Tuple.from(java.util.Arrays.asList(
                profileId,
                profile.customerId(),
                profile.consentOrUnknown().marketingEmail(),
                profile.cartOrEmpty().isEmpty()
                        ? 0
                        : profile.cartOrEmpty().lines().size(),
                profile.lastOrderAt() == null ? null : utc(profile.lastOrderAt()),
                now))));
        return sql.preparedQuery("INSERT INTO journey_profile (profile_id, customer_id, marketing_email, cart_items,"
                        + " last_order_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (profile_id) DO"
                        + " UPDATE SET customer_id = $2, marketing_email = $3, cart_items = $4, last_order_at = $5,"
                        + " updated_at = $6")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** What triggered a run: the products in the cart, recently viewed and in the latest order. */
    static Map<String, Object> context(String cause, ProfileSnapshot profile) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("trigger", cause);
        if (profile == null) {
            return context;
        }
        List<String> cart = profile.cartOrEmpty().isEmpty()
                ? List.of()
                : profile.cartOrEmpty().lines().stream()
                        .map(OrderLine::productId)
                        .filter(Objects::nonNull)
                        .toList();
        List<String> viewed = profile.recentlyViewed() == null
                ? List.of()
                : profile.recentlyViewed().stream()
                        .map(RecentView::productId)
                        .limit(ProductSource.MAX_PRODUCTS)
                        .toList();
        List<String> ordered = new ArrayList<>();
        if (profile.purchases() != null && profile.lastOrderAt() != null) {
            for (PurchaseStats p : profile.purchases()) {
                if (profile.lastOrderAt().equals(p.lastPurchasedAt())) {
                    ordered.add(p.productId());
                }
            }
        }
        context.put("cart", cart);
        context.put("viewed", viewed);
        context.put("ordered", ordered);
        return context;
    }

    /** The products a run was about, most relevant first for what triggered it. */
    @SuppressWarnings("unchecked")
    static List<String> triggeringProducts(Map<String, Object> context) {
        String trigger = String.valueOf(context.get("trigger"));
        List<String> order =
                switch (trigger) {
                    case "order_completed" -> List.of("ordered", "cart", "viewed");
                    case "product_view", "category_view", "search" -> List.of("viewed", "cart", "ordered");
                    default -> List.of("cart", "viewed", "ordered");
                };
        for (String key : order) {
            Object ids = context.get(key);
            if (ids instanceof List<?> list && !list.isEmpty()) {
                return ((List<Object>) list).stream().map(String::valueOf).toList();
            }
        }
        return List.of();
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
