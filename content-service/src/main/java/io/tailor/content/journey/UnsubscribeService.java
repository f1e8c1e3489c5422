package io.tailor.content.journey;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.contracts.ShopperKeys;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.kit.messaging.KeyedMessages;
import io.tailor.kit.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The unsubscribe link: records the shopper as unsubscribed here at once (no further journey message goes out), ends
 * their running journeys, and publishes a consent_updated event (marketing_email = false, source email_unsubscribe)
 * on shopper-events so profile-service updates the consent on the profile, with its history.
 */
@ApplicationScoped
public class UnsubscribeService {

    public static final String SOURCE = "email_unsubscribe";

    /** What the shopper is told. */
    public record Result(String profileId, boolean unsubscribed, String message) {}

    private final Pool pool;
    private final UnsubscribeLinks links;
    private final MutinyEmitter<ShopperEvent> consentEvents;
    private final Clock clock;

    public UnsubscribeService(
            Pool pool,
            UnsubscribeLinks links,
            @Channel("consent-events") MutinyEmitter<ShopperEvent> consentEvents,
            Clock clock) {
        this.pool = pool;
        this.links = links;
        this.consentEvents = consentEvents;
        this.clock = clock;
    }

    public Uni<Result> unsubscribe(String profileId, String token) {
        if (profileId == null || profileId.isBlank()) {
            throw ProblemException.invalid("p", "the profile id of the unsubscribe link is required");
        }
        if (!links.valid(profileId, token)) {
            throw ProblemException.invalid("t", "the link's signature does not match: use the link from the e-mail");
        }
        Instant now = clock.instant();
        return pool.preparedQuery("INSERT INTO unsubscribed (profile_id, at) VALUES ($1, $2)"
                        + " ON CONFLICT (profile_id) DO NOTHING")
                .execute(Tuple.of(profileId, JourneyEngine.utc(now)))
                .call(() -> pool.preparedQuery("UPDATE journey_run SET status = 'exited', ended_reason ="
                                + " 'unsubscribed', updated_at = $2 WHERE status = 'active' AND profile_id = $1")
                        .execute(Tuple.of(profileId, JourneyEngine.utc(now))))
                .call(() -> pool.preparedQuery("SELECT customer_id FROM journey_profile WHERE profile_id = $1")
                        .execute(Tuple.of(profileId))
                        .flatMap(rows -> {
                            String customerId = null;
                            for (Row row : rows) {
                                customerId = row.getString("customer_id");
                            }
                            return customerId == null ? Uni.createFrom().voidItem() : publish(customerId, now);
                        }))
                .replaceWith(new Result(profileId, true, "You will no longer receive marketing e-mail from us."));
    }

    private Uni<Void> publish(String customerId, Instant now) {
        ShopperEvent event = new ShopperEvent(
                UUID.randomUUID().toString(),
                EventType.CONSENT_UPDATED,
                now,
                now,
                null,
                customerId,
                null,
                null,
                new EventProperties(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of("marketing_email", false),
                        SOURCE));
        return KeyedMessages.sendAll(consentEvents, List.of(event), ShopperKeys::of);
    }
}
