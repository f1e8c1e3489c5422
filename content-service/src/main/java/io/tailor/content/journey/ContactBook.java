package io.tailor.content.journey;

import io.smallrye.mutiny.Uni;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where to reach a customer: the e-mail address, first name and time zone from identify events. content-service is
 * the only service that keeps a plain address (profile-service keeps its hash); it is erased with the shopper.
 */
@ApplicationScoped
public class ContactBook {

    private final Pool pool;
    private final Clock clock;

    public ContactBook(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Keeps the contact details of the identify events among {@code events}, in their order (the last one wins). */
    public Uni<Void> onEvents(List<ShopperEvent> events) {
        List<Tuple> rows = new ArrayList<>();
        for (ShopperEvent event : events) {
            Tuple row = contactOf(event);
            if (row != null) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("INSERT INTO contact (customer_id, email, time_zone, first_name, updated_at)"
                        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (customer_id) DO UPDATE SET email = $2,"
                        + " time_zone = COALESCE($3, contact.time_zone),"
                        + " first_name = COALESCE($4, contact.first_name), updated_at = $5")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** The contact row an identify event with a usable address gives, or null. */
    private Tuple contactOf(ShopperEvent event) {
        if (event.type() != EventType.IDENTIFY
                || event.customerId() == null
                || event.customerId().isBlank()
                || event.propertiesOrEmpty().email() == null
                || event.propertiesOrEmpty().email().isBlank()) {
            return null;
        }
        Map<String, String> traits = event.propertiesOrEmpty().traits();
        String firstName = traits == null ? null : traits.get("firstName");
        String email = event.propertiesOrEmpty().email().strip();
        if (email.length() > 320 || email.indexOf('@') < 1) {
            return null;
        }
        return Tuple.from(Arrays.asList(
                event.customerId(),
                email,
                truncate(event.contextOrEmpty().timeZone(), 64),
                truncate(firstName, 100),
                JourneyEngine.utc(clock.instant())));
    }

    /** Forgets customers' contact details (erasure). */
    public Uni<Void> forget(String[] customerIds) {
        return pool.preparedQuery("DELETE FROM contact WHERE customer_id = ANY($1)")
                .execute(Tuple.of((Object) customerIds))
                .replaceWithVoid();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
