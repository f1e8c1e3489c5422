package io.tailor.segment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.segment.service.ProfileIndexService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every {@code profile-changes} message (a consumer group of its own per replica, from the latest offset) to
 * keep this replica's in-memory profiles current, whichever replica owns the profile's partition.
 */
@ApplicationScoped
public class ProfileIndexConsumer {

    /** The channel: the topic profile-changes, read by every replica. */
    public static final String CHANNEL = "profile-index";

    private static final Logger LOG = Logger.getLogger(ProfileIndexConsumer.class);

    private final ObjectMapper mapper;
    private final ProfileIndexService index;

    public ProfileIndexConsumer(ObjectMapper mapper, ProfileIndexService index) {
        this.mapper = mapper;
        this.index = index;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ProfileChange> changes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                ProfileChange change = mapper.readValue(record.value(), ProfileChange.class);
                if (change != null && change.profileId() != null) {
                    changes.add(change);
                }
            } catch (JsonProcessingException e) {
                LOG.debugf("Skipping unreadable profile change at offset %d", record.offset());
            }
        }
        index.apply(changes);
    }
}
