package io.tailor.segment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tailor.contracts.Topics;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.segment.service.MembershipService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Consumes {@code profile-changes} in batches; offsets are committed once memberships and events are written. */
@ApplicationScoped
public class ProfileChangesConsumer {

    private static final Logger LOG = Logger.getLogger(ProfileChangesConsumer.class);

    private final ObjectMapper mapper;
    private final MembershipService memberships;

    public ProfileChangesConsumer(ObjectMapper mapper, MembershipService memberships) {
        this.mapper = mapper;
        this.memberships = memberships;
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
        return memberships.onProfileChanges(changes);
    }
}
