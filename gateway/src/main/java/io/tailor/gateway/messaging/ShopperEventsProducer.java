package io.tailor.gateway.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.contracts.ShopperKeys;
import io.tailor.contracts.Topics;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.kit.messaging.KeyedMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes accepted events on {@code shopper-events}, keyed by shopper. The returned Uni completes only when Kafka
 * acknowledged every event (idempotent producer, acks=all), so the gateway never acknowledges an event Kafka does
 * not have.
 */
@ApplicationScoped
public class ShopperEventsProducer {

    private final MutinyEmitter<ShopperEvent> emitter;

    public ShopperEventsProducer(
            @Channel(Topics.SHOPPER_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 50_000)
                    MutinyEmitter<ShopperEvent> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(List<ShopperEvent> events) {
        return KeyedMessages.sendAll(emitter, events, ShopperKeys::of);
    }
}
