package io.tailor.segment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.Topics;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.segment.service.MembershipService;
import io.tailor.segment.service.ProfileIndexService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code profile-changes} in batches (consumer group segment-service: each profile's changes go to one
 * replica, in order); offsets are committed once memberships and events are written. Waits for the in-memory
 * profiles and RFM boundaries at start.
 */
@ApplicationScoped
public class ProfileChangesConsumer {

    private static final Logger LOG = Logger.getLogger(ProfileChangesConsumer.class);

    private final ObjectMapper mapper;
    private final MembershipService memberships;
    private final ProfileIndexService index;

    public ProfileChangesConsumer(ObjectMapper mapper, MembershipService memberships, ProfileIndexService index) {
        this.mapper = mapper;
        this.memberships = memberships;
        this.index = index;
    }

    @Incoming(Topics.PROFILE_CHANGES)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<ProfileChange> changes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                ProfileChange change = mapper.readValue(record.value(), ProfileChange.class);
                if (change != null && change.profileId() != null) {
                    changes.add(change);
                }
            } catch (JsonProcessingException e) {
                LOG.errorf(
                        "Skipping unreadable profile change at %s-%d@%d: %s",
                        record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
            }
        }
        // The changes enter this replica's index before they are decided: a segment this decision does not know
        // yet is created after the index held them, so its backfill, which reads the index, decides them.
        return index.ready().flatMap(ready -> {
            index.apply(changes);
            return memberships.onProfileChanges(changes);
        });
    }
}
