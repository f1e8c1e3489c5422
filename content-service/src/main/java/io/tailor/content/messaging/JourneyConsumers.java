package io.tailor.content.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.content.journey.ContactBook;
import io.tailor.content.journey.JourneyEngine;
import io.tailor.content.journey.MailDelivery;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.message.OutboundMessage;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.contracts.segment.SegmentChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * What drives journeys: profile-changes and segment-changes (enrol and exit, keyed by profile so one profile's changes
 * arrive in order), identify events on shopper-events (where to reach a customer) and outbound-messages (delivery).
 * Each runs in a consumer group of its own; profile-changes and shopper-events are read a poll at a time (batches).
 * Unreadable records are logged and skipped; a failing database fails the channel (and readiness) rather than losing
 * a change.
 */
@ApplicationScoped
public class JourneyConsumers {

    private static final Logger LOG = Logger.getLogger(JourneyConsumers.class);
    private static final String IDENTIFY = '"' + EventType.IDENTIFY.wireName() + '"';

    private final ObjectMapper mapper;
    private final JourneyEngine engine;
    private final ContactBook contacts;
    private final MailDelivery delivery;

    public JourneyConsumers(ObjectMapper mapper, JourneyEngine engine, ContactBook contacts, MailDelivery delivery) {
        this.mapper = mapper;
        this.engine = engine;
        this.contacts = contacts;
        this.delivery = delivery;
    }

    /** A poll's profile changes, applied in order in one transaction. */
    @Incoming("journey-profile-changes")
    public Uni<Void> profileChanges(ConsumerRecords<String, String> records) {
        List<ProfileChange> changes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            ProfileChange change = read(record.value(), ProfileChange.class);
            if (change != null && change.profileId() != null) {
                changes.add(change);
            }
        }
        return engine.onProfileChanges(changes);
    }

    @Incoming("journey-segment-changes")
    public Uni<Void> segmentChange(String json) {
        SegmentChange change = read(json, SegmentChange.class);
        return change == null || change.profileId() == null || change.segmentKey() == null
                ? Uni.createFrom().voidItem()
                : engine.onSegmentChange(change);
    }

    /**
     * A poll's shopper events, of which only identify events matter here. An event whose JSON does not contain the
     * identify type's wire name anywhere cannot be one, so it is not parsed: nearly every event is skipped unread.
     */
    @Incoming("journey-contacts")
    public Uni<Void> shopperEvents(ConsumerRecords<String, String> records) {
        List<ShopperEvent> identified = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.value() == null || !record.value().contains(IDENTIFY)) {
                continue;
            }
            ShopperEvent event = read(record.value(), ShopperEvent.class);
            if (event != null) {
                identified.add(event);
            }
        }
        return contacts.onEvents(identified);
    }

    /** A batch of queued messages, delivered {@link MailDelivery#PARALLEL_SENDS} at a time. */
    @Incoming("outbound-deliveries")
    public Uni<Void> outbound(ConsumerRecords<String, String> records) {
        List<UUID> ids = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            OutboundMessage message = read(record.value(), OutboundMessage.class);
            if (message == null || message.messageId() == null) {
                continue;
            }
            try {
                ids.add(UUID.fromString(message.messageId()));
            } catch (IllegalArgumentException e) {
                LOG.errorf("Skipping an outbound message with an invalid id %s", message.messageId());
            }
        }
        return delivery.deliverAll(ids);
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            LOG.errorf("Skipping an unreadable %s: %s", type.getSimpleName(), e.getOriginalMessage());
            return null;
        }
    }
}
