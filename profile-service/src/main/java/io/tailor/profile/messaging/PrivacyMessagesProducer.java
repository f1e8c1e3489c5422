package io.tailor.profile.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.contracts.ShopperKeys;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.kit.messaging.KeyedMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * What the profile API sends to Kafka: erasure requests on {@code privacy-requests} (key = profile id), and consent
 * or trait changes as shopper events on {@code shopper-events} (so they are applied in order with the shopper's other
 * events, by the same pipeline).
 */
@ApplicationScoped
public class PrivacyMessagesProducer {

    /** The outgoing channel of API-made shopper events (topic shopper-events). */
    public static final String API_EVENTS = "profile-api-events";

    /** The outgoing channel of erasure requests (topic privacy-requests; the kit consumes the same topic). */
    public static final String ERASURE_REQUESTS = "erasure-requests";

    private final MutinyEmitter<PrivacyRequest> requests;
    private final MutinyEmitter<ShopperEvent> events;

    public PrivacyMessagesProducer(
            @Channel(ERASURE_REQUESTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1_000)
                    MutinyEmitter<PrivacyRequest> requests,
            @Channel(API_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1_000)
                    MutinyEmitter<ShopperEvent> events) {
        this.requests = requests;
        this.events = events;
    }

    public Uni<Void> request(PrivacyRequest request) {
        return requests.sendMessage(KeyedMessages.keyed(request, request.profileId()));
    }

    public Uni<Void> event(ShopperEvent event) {
        return events.sendMessage(KeyedMessages.keyed(event, ShopperKeys.of(event)));
    }
}
