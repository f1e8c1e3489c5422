package io.tailor.content.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.content.config.MessagesConfig;
import io.tailor.contracts.Topics;
import io.tailor.contracts.message.OutboundMessage;
import io.tailor.kit.messaging.KeyedMessages;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Runs the journey steps that are due: each tick claims due runs (FOR UPDATE SKIP LOCKED, so replicas share the work
 * and a run is stepped by one replica at a time) and, for each, checks the step's condition, marketing consent, a
 * known address, quiet hours in the shopper's time zone and the frequency cap across journeys; then queues the
 * message (one per run and step), publishes it on outbound-messages and moves the run on.
 */
@ApplicationScoped
public class MessageDispatcher {

    private static final Logger LOG = Logger.getLogger(MessageDispatcher.class);
    /** How long a claimed run is left alone by other replicas while this one steps it. */
    static final Duration LEASE = Duration.ofMinutes(2);

    static final int MAX_BATCHES_PER_TICK = 50;

    /** Shoppers stepped at once within a batch (database and HTTP calls overlap; the pool has 16 connections). */
    static final int PARALLEL_SHOPPERS = 8;

    /** A run that is due. */
    record Run(UUID id, String journey, String profileId, int step, Instant startedAt, Map<String, Object> context) {}

    /** What a step needs to know of the shopper. */
    record Shopper(
            String customerId,
            Boolean marketingEmail,
            int cartItems,
            Instant lastOrderAt,
            String email,
            String timeZone,
            String firstName,
            boolean unsubscribed,
            long recentMessages) {}

    private final Pool pool;
    private final JourneyCatalog catalog;
    private final JourneyEngine engine;
    private final ProductSource products;
    private final UnsubscribeLinks links;
    private final MailDelivery delivery;
    private final MessagesConfig config;
    private final QuietHours quietHours;
    private final ObjectMapper mapper;
    private final MutinyEmitter<OutboundMessage> outbound;
    private final Clock clock;

    public MessageDispatcher(
            Pool pool,
            JourneyCatalog catalog,
            JourneyEngine engine,
            ProductSource products,
            UnsubscribeLinks links,
            MailDelivery delivery,
            MessagesConfig config,
            ObjectMapper mapper,
            @Channel(Topics.OUTBOUND_MESSAGES) MutinyEmitter<OutboundMessage> outbound,
            Clock clock) {
        this.pool = pool;
        this.catalog = catalog;
        this.engine = engine;
        this.products = products;
        this.links = links;
        this.delivery = delivery;
        this.config = config;
        this.quietHours = new QuietHours(config.quietStart(), config.quietEnd());
        this.mapper = mapper;
        this.outbound = outbound;
        this.clock = clock;
    }

    @Scheduled(
            every = "${content.messages.tick}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return drain(0).call(delivery::retryDue)
                .call(delivery::expireInterrupted)
                .onFailure()
                .invoke(e -> LOG.warnf("Journey tick failed; the next tick retries: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Full batches are followed at once by the next, up to {@link #MAX_BATCHES_PER_TICK}; then the next tick. */
    private Uni<Void> drain(int batches) {
        return runDue().flatMap(stepped -> stepped >= config.batchSize() && batches + 1 < MAX_BATCHES_PER_TICK
                ? drain(batches + 1)
                : Uni.createFrom().voidItem());
    }

    /** Steps every due run (one batch); returns how many were stepped. */
    public Uni<Integer> runDue() {
        Instant now = clock.instant();
        return pool.preparedQuery("UPDATE journey_run r SET due_at = $1 FROM (SELECT id FROM journey_run"
                        + " WHERE status = 'active' AND due_at <= $2 ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)"
                        + " due WHERE r.id = due.id RETURNING r.id, r.journey_key, r.profile_id, r.step,"
                        + " r.started_at, r.context::text AS context")
                .execute(Tuple.of(JourneyEngine.utc(now.plus(LEASE)), JourneyEngine.utc(now), config.batchSize()))
                .flatMap(rows -> {
                    List<Run> runs = new ArrayList<>();
                    for (Row row : rows) {
                        runs.add(new Run(
                                row.getUUID("id"),
                                row.getString("journey_key"),
                                row.getString("profile_id"),
                                row.getInteger("step"),
                                row.getOffsetDateTime("started_at").toInstant(),
                                map(row.getString("context"))));
                    }
                    // different shoppers in parallel; one shopper's runs in turn, so the frequency cap holds
                    Map<String, List<Run>> byShopper = new java.util.LinkedHashMap<>();
                    runs.forEach(run -> byShopper
                            .computeIfAbsent(run.profileId(), k -> new ArrayList<>())
                            .add(run));
                    List<Uni<Void>> shoppers = new ArrayList<>();
                    for (List<Run> theirs : byShopper.values()) {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Run run : theirs) {
                            chain = chain.call(() -> step(run)
                                    .onFailure()
                                    .invoke(e -> LOG.warnf(
                                            "Journey %s step %d for %s failed; retried after the lease: %s",
                                            run.journey(), run.step(), run.profileId(), e.toString()))
                                    .onFailure()
                                    .recoverWithNull());
                        }
                        shoppers.add(chain);
                    }
                    return shoppers.isEmpty()
                            ? Uni.createFrom().item(0)
                            : Uni.join()
                                    .all(shoppers)
                                    .usingConcurrencyOf(PARALLEL_SHOPPERS)
                                    .andCollectFailures()
                                    .replaceWith(runs.size());
                });
    }

    private Uni<Void> step(Run run) {
        return catalog.get(run.journey()).flatMap(found -> {
            if (found.isEmpty() || !found.get().enabled()) {
                return finish(run, JourneyEngine.EXITED, "journey disabled or deleted");
            }
            JourneyCatalog.Entry journey = found.get();
            List<JourneyDefinition.Step> steps = journey.definition().steps();
            if (run.step() >= steps.size()) {
                return complete(run, journey);
            }
            return shopper(run.profileId()).flatMap(shopper -> step(run, journey, steps.get(run.step()), shopper));
        });
    }

    private Uni<Void> step(Run run, JourneyCatalog.Entry journey, JourneyDefinition.Step step, Shopper shopper) {
        Optional<String> unmet = unmet(step.condition(), shopper, run.startedAt());
        if (unmet.isPresent()) {
            return finish(run, JourneyEngine.EXITED, unmet.get());
        }
        // Shoppers who cannot be written to leave the journey; the run says why (GET /v1/journeys/{key}/runs).
        // Only messages that were meant to go out (or were held back by the cap) enter the message log.
        if (shopper.unsubscribed()) {
            return finish(run, JourneyEngine.EXITED, "unsubscribed");
        }
        if (!Boolean.TRUE.equals(shopper.marketingEmail())) {
            return finish(run, JourneyEngine.EXITED, "no marketing e-mail consent");
        }
        if (shopper.email() == null) {
            return finish(run, JourneyEngine.EXITED, "no e-mail address known");
        }
        Instant now = clock.instant();
        if (journey.definition().quietHoursOrDefault()) {
            Optional<Instant> until =
                    quietHours.postponeUntil(now, QuietHours.zone(shopper.timeZone(), config.defaultTimeZone()));
            if (until.isPresent()) {
                return pool.preparedQuery("UPDATE journey_run SET due_at = $2, updated_at = $3 WHERE id = $1")
                        .execute(Tuple.of(run.id(), JourneyEngine.utc(until.get()), JourneyEngine.utc(now)))
                        .replaceWithVoid();
            }
        }
        if (shopper.recentMessages() >= config.maxPerShopper()) {
            return suppress(
                            run,
                            step,
                            shopper,
                            "frequency cap: " + shopper.recentMessages() + " messages within " + config.capWindow())
                    .call(() -> advance(run, journey));
        }
        return products.products(
                        shopper.customerId(),
                        step.placement(),
                        JourneyEngine.triggeringProducts(run.context()),
                        links.storeUrl())
                .flatMap(found -> queue(run, journey, step, shopper, found))
                .call(() -> advance(run, journey));
    }

    static Optional<String> unmet(JourneyDefinition.Condition condition, Shopper shopper, Instant startedAt) {
        if (condition == null) {
            return Optional.empty();
        }
        return switch (condition) {
            case CART_NOT_EMPTY -> shopper.cartItems() > 0 ? Optional.empty() : Optional.of("cart is empty");
            case CART_EMPTY -> shopper.cartItems() == 0 ? Optional.empty() : Optional.of("cart is not empty");
            case NO_ORDER_SINCE_ENROLMENT ->
                shopper.lastOrderAt() == null || shopper.lastOrderAt().isBefore(startedAt)
                        ? Optional.empty()
                        : Optional.of("ordered since the journey started");
        };
    }

    private Uni<Void> queue(
            Run run,
            JourneyCatalog.Entry journey,
            JourneyDefinition.Step step,
            Shopper shopper,
            List<Map<String, Object>> found) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        OutboundMessage message = new OutboundMessage(
                id.toString(),
                run.profileId(),
                shopper.customerId(),
                journey.key(),
                run.step(),
                OutboundMessage.EMAIL,
                shopper.email(),
                step.template(),
                MessageRenderer.model(
                        shopper.firstName(),
                        found,
                        links.storeUrl(),
                        links.link(run.profileId()),
                        journey.definition().name()),
                now);
        return pool.preparedQuery("INSERT INTO message (id, run_id, journey_key, step, profile_id, customer_id,"
                        + " template_key, status, created_at, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued',"
                        + " $8, $9) ON CONFLICT (run_id, step) DO NOTHING RETURNING id")
                .execute(Tuple.from(Arrays.asList(
                        id,
                        run.id(),
                        journey.key(),
                        run.step(),
                        run.profileId(),
                        shopper.customerId(),
                        step.template(),
                        JourneyEngine.utc(now),
                        new JsonObject(engine.json(message)))))
                .flatMap(rows -> rows.size() > 0
                        ? publish(message)
                        // stepped before but not moved on (a crash or lost publish): publish the queued one again
                        : pool.preparedQuery("SELECT status, payload::text AS payload FROM message"
                                        + " WHERE run_id = $1 AND step = $2")
                                .execute(Tuple.of(run.id(), run.step()))
                                .flatMap(existing -> {
                                    Row row = existing.iterator().next();
                                    return "queued".equals(row.getString("status"))
                                            ? publish(read(row.getString("payload")))
                                            : Uni.createFrom().voidItem();
                                }));
    }

    private Uni<Void> publish(OutboundMessage message) {
        return KeyedMessages.sendAll(outbound, List.of(message), OutboundMessage::profileId);
    }

    private Uni<Void> suppress(Run run, JourneyDefinition.Step step, Shopper shopper, String reason) {
        return pool.preparedQuery("INSERT INTO message (id, run_id, journey_key, step, profile_id, customer_id,"
                        + " template_key, status, reason, created_at, payload) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                        + " 'suppressed', $8, $9, '{}') ON CONFLICT (run_id, step) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(
                        UUID.randomUUID(),
                        run.id(),
                        run.journey(),
                        run.step(),
                        run.profileId(),
                        shopper.customerId(),
                        step.template(),
                        reason,
                        JourneyEngine.utc(clock.instant()))))
                .replaceWithVoid();
    }

    /** Moves a run to its next step, or completes it after the last. */
    private Uni<Void> advance(Run run, JourneyCatalog.Entry journey) {
        List<JourneyDefinition.Step> steps = journey.definition().steps();
        int next = run.step() + 1;
        if (next >= steps.size()) {
            return complete(run, journey);
        }
        Instant now = clock.instant();
        Instant due = now.plus(JourneyValidator.delayOf(steps.get(next)));
        return pool.preparedQuery(
                        "UPDATE journey_run SET step = $2, due_at = $3, updated_at = $4 WHERE id = $1 AND status = 'active'")
                .execute(Tuple.of(run.id(), next, JourneyEngine.utc(due), JourneyEngine.utc(now)))
                .replaceWithVoid();
    }

    private Uni<Void> complete(Run run, JourneyCatalog.Entry journey) {
        Uni<Void> done = finish(run, JourneyEngine.COMPLETED, null);
        String then = journey.definition().then();
        if (then == null) {
            return done;
        }
        return done.call(() -> catalog.get(then)
                .flatMap(next -> next.isPresent() && next.get().enabled()
                        ? engine.enrol(run.profileId(), next.get(), run.context())
                        : Uni.createFrom().voidItem()));
    }

    private Uni<Void> finish(Run run, String status, String reason) {
        return pool.preparedQuery("UPDATE journey_run SET status = $2, ended_reason = $3, updated_at = $4"
                        + " WHERE id = $1 AND status = 'active'")
                .execute(Tuple.of(run.id(), status, reason, JourneyEngine.utc(clock.instant())))
                .replaceWithVoid();
    }

    private Uni<Shopper> shopper(String profileId) {
        Instant since = clock.instant().minus(config.capWindow());
        return pool.preparedQuery("SELECT p.customer_id, p.marketing_email, p.cart_items, p.last_order_at, c.email,"
                        + " c.time_zone, c.first_name,"
                        + " EXISTS (SELECT 1 FROM unsubscribed u WHERE u.profile_id = $1) AS unsubscribed,"
                        + " (SELECT count(*) FROM message m WHERE m.profile_id = $1 AND m.created_at > $2"
                        + " AND m.status IN ('queued', 'sending', 'sent', 'retrying')) AS recent"
                        + " FROM (SELECT $1::varchar AS profile_id) k"
                        + " LEFT JOIN journey_profile p ON p.profile_id = k.profile_id"
                        + " LEFT JOIN contact c ON c.customer_id = p.customer_id")
                .execute(Tuple.of(profileId, JourneyEngine.utc(since)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Integer cart = row.getInteger("cart_items");
                    OffsetDateTime lastOrder = row.getOffsetDateTime("last_order_at");
                    return new Shopper(
                            row.getString("customer_id"),
                            row.getBoolean("marketing_email"),
                            cart == null ? 0 : cart,
                            lastOrder == null ? null : lastOrder.toInstant(),
                            row.getString("email"),
                            row.getString("time_zone"),
                            row.getString("first_name"),
                            row.getBoolean("unsubscribed"),
                            row.getLong("recent"));
                });
    }

    private Map<String, Object> map(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private OutboundMessage read(String json) {
        try {
            return mapper.readValue(json, OutboundMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable queued message", e);
        }
    }
}
