package io.tailor.profile.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.ShopperEventValidator;
import io.tailor.contracts.event.Violation;
import io.tailor.profile.service.ProfileService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code shopper-events} in batches. Records that are not valid events go to the dead-letter topic with
 * the reason (the consumer never stops on bad data); the rest are applied as one batch. The batch's offsets are
 * committed only after its profiles are saved and published.
 */
@ApplicationScoped
public class ShopperEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ShopperEventsConsumer.class);

    private final ObjectMapper mapper;
    private final ShopperEventValidator validator;
    private final ProfileService profiles;
    private final DeadLetterProducer deadLetters;
    private final Counter deadLettered;

    public ShopperEventsConsumer(
            ObjectMapper mapper, ProfileService profiles, DeadLetterProducer deadLetters, MeterRegistry registry) {
        this.mapper = mapper;
        this.validator = new ShopperEventValidator();
        this.profiles = profiles;
        this.deadLetters = deadLetters;
        this.deadLettered = registry.counter("tailor.profile.events.dead_lettered");
    }

    @Incoming(Topics.SHOPPER_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<ShopperEvent> events = new ArrayList<>(records.count());
        java.util.Map<String, ConsumerRecord<String, String>> sources = new java.util.HashMap<>();
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            String problem;
            try {
                ShopperEvent event =
                        record.value() == null ? null : mapper.readValue(record.value(), ShopperEvent.class);
                List<Violation> violations = validator.validate(event);
                if (violations.isEmpty()) {
                    events.add(event);
                    sources.putIfAbsent(event.eventId(), record);
                    continue;
                }
                problem = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
            } catch (JsonProcessingException e) {
                problem = "unreadable event: " + e.getOriginalMessage();
            }
            LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), problem);
            deadLettered.increment();
            rejected.add(deadLetters.send(record, problem));
        }
        Uni<Void> dlq = rejected.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(rejected).andFailFast().replaceWithVoid();
        // a failure of PostgreSQL, Redis or Kafka is retried with backoff (the batch is applied once: event ids
        // already processed are skipped) before the consumer gives up and stops for an operator to look at
        return dlq.chain(() -> profiles.process(events)
                        .onFailure()
                        .invoke(failure ->
                                LOG.warnf("Applying %d events failed, retrying: %s", events.size(), failure.toString()))
                        .onFailure()
                        .retry()
                        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                        .atMost(12))
                .flatMap(applied -> applied.rejections().isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.join()
                                .all(applied.rejections().stream()
                                        .map(r -> {
                                            LOG.warnf(
                                                    "Dead-lettering event %s: %s",
                                                    r.event().eventId(), r.reason());
                                            deadLettered.increment();
                                            return deadLetters.send(
                                                    sources.get(r.event().eventId()), r.reason());
                                        })
                                        .toList())
                                .andFailFast()
                                .replaceWithVoid());
    }
}
