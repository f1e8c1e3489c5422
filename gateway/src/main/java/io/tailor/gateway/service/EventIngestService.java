package io.tailor.gateway.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.ShopperEventValidator;
import io.tailor.contracts.event.Violation;
import io.tailor.gateway.api.EventReceipt;
import io.tailor.gateway.api.IngestResult;
import io.tailor.gateway.config.GatewayConfig;
import io.tailor.gateway.messaging.ShopperEventsProducer;
import io.tailor.kit.problem.JsonFailures;
import io.tailor.kit.problem.ProblemException;
import io.tailor.kit.redis.LoopLocal;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Accepts shopper events: parses strictly (unknown fields, deep nesting and bad UTF-8 are refused), validates every
 * event (a batch is accepted whole or not at all), stamps the server time, answers repeats of an accepted event id
 * as duplicates, and acknowledges only after Kafka has every new event.
 */
@ApplicationScoped
public class EventIngestService {

    private static final Logger LOG = Logger.getLogger(EventIngestService.class);
    private static final String SEEN_PREFIX = "gateway:event:";

    private final ObjectMapper strict;
    private final ShopperEventValidator validator;
    private final ShopperEventsProducer producer;
    private final ReactiveValueCommands<String, String> seen;
    private final io.vertx.mutiny.redis.client.Redis pipeline;
    private final GatewayConfig.Events limits;
    private final Clock clock;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter unstored;

    public EventIngestService(
            ObjectMapper mapper,
            ShopperEventsProducer producer,
            @LoopLocal ReactiveRedisDataSource redis,
            GatewayConfig config,
            MeterRegistry registry) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.strict
                .getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16)
                        .maxStringLength(64 * 1024)
                        .maxNumberLength(40)
                        .build());
        this.validator = new ShopperEventValidator();
        this.producer = producer;
        this.seen = redis.value(String.class);
        this.pipeline = redis.getRedis();
        this.limits = config.events();
        this.clock = Clock.systemUTC();
        this.accepted = registry.counter("tailor.gateway.events.accepted");
        this.duplicates = registry.counter("tailor.gateway.events.duplicate");
        this.unstored = registry.counter("tailor.gateway.events.unstored");
    }

    /** Parses and validates a body: one event, or {@code {"events": [...]}}. Throws a 4xx problem when invalid. */
    public List<ShopperEvent> parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("", "a JSON body is required: one event or {\"events\": [...]}");
        }
        if (body.length > limits.maxBodyBytes()) {
            throw new ProblemException(
                    413,
                    "body-too-large",
                    "Body too large",
                    "The body has " + body.length + " bytes; at most " + limits.maxBodyBytes() + " are accepted",
                    List.of());
        }
        JsonNode root;
        try {
            root = strict.readTree(body);
        } catch (JsonParseException e) {
            throw ProblemException.invalid("", "not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ProblemException.invalid("", "not valid JSON: " + e.getMessage());
        }
        boolean batch = root != null && root.isObject() && root.has("events");
        List<JsonNode> nodes = new ArrayList<>();
        if (batch) {
            JsonNode events = root.get("events");
            if (!events.isArray()) {
                throw ProblemException.invalid("events", "must be an array of events");
            }
            if (root.size() > 1) {
                throw ProblemException.invalid("", "a batch has only the field 'events'");
            }
            if (events.size() > limits.maxBatch()) {
                throw new ProblemException(
                        413,
                        "batch-too-large",
                        "Batch too large",
                        "The batch has " + events.size() + " events; at most " + limits.maxBatch() + " are accepted",
                        List.of(new Violation("events", "at most " + limits.maxBatch() + " events")));
            }
            if (events.isEmpty()) {
                throw ProblemException.invalid("events", "must not be empty");
            }
            events.forEach(nodes::add);
        } else if (root != null && root.isObject()) {
            nodes.add(root);
        } else {
            throw ProblemException.invalid("", "expected one event object or {\"events\": [...]}");
        }

        List<Violation> violations = new ArrayList<>();
        List<ShopperEvent> events = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            String prefix = batch ? "events[" + i + "]." : "";
            try {
                ShopperEvent event = strict.treeToValue(nodes.get(i), ShopperEvent.class);
                violations.addAll(validator.validate(event, prefix));
                events.add(event);
            } catch (JsonProcessingException e) {
                violations.add(JsonFailures.violation(e, prefix));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return events;
    }

    /** Publishes the events not accepted before; completes when Kafka acknowledged all of them. */
    public Uni<IngestResult> accept(List<ShopperEvent> events) {
        Instant now = clock.instant();
        Map<String, ShopperEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.eventId(), e.withReceivedAt(now)));
        String[] keys = unique.keySet().stream().map(id -> SEEN_PREFIX + id).toArray(String[]::new);
        return seen.mget(keys).flatMap(known -> {
            List<ShopperEvent> fresh = unique.values().stream()
                    .filter(e -> known.get(SEEN_PREFIX + e.eventId()) == null)
                    .toList();
            Uni<Void> publish = fresh.isEmpty() ? Uni.createFrom().voidItem() : publish(fresh);
            return publish.call(() -> remember(fresh)).map(ignored -> {
                List<EventReceipt> receipts = new ArrayList<>();
                Set<String> firstTime = new HashSet<>();
                fresh.forEach(f -> firstTime.add(f.eventId()));
                for (ShopperEvent event : events) {
                    // the first occurrence of a new id is accepted; a repeat within the batch is a duplicate
                    boolean isNew = firstTime.remove(event.eventId());
                    receipts.add(new EventReceipt(event.eventId(), isNew ? "accepted" : "duplicate"));
                }
                accepted.increment(fresh.size());
                duplicates.increment(events.size() - fresh.size());
                return new IngestResult(fresh.size(), events.size() - fresh.size(), receipts);
            });
        });
    }

    private Uni<Void> publish(List<ShopperEvent> fresh) {
        return producer.publish(fresh)
                .ifNoItem()
                .after(limits.publishTimeout())
                .fail()
                .onFailure(failure -> !(failure instanceof ProblemException))
                .transform(failure -> {
                    unstored.increment(fresh.size());
                    LOG.warnf("Kafka did not take %d events: %s", fresh.size(), failure.toString());
                    return ProblemException.unavailable(
                            "The events could not be stored right now and none of them is acknowledged; send them"
                                    + " again with the same event ids",
                            5);
                });
    }

    private Uni<Void> remember(List<ShopperEvent> fresh) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // one pipelined round trip for the whole batch rather than one command (and pool borrow) per event
        String ttl = Long.toString(limits.dedupeWindow().toSeconds());
        List<Request> sets = fresh.stream()
                .map(e -> Request.cmd(Command.SET)
                        .arg(SEEN_PREFIX + e.eventId())
                        .arg("1")
                        .arg("EX")
                        .arg(ttl))
                .toList();
        return pipeline.batch(sets)
                .replaceWithVoid()
                // Remembering is an optimisation: profile-service de-duplicates by event id anyway.
                .onFailure()
                .recoverWithNull();
    }
}
