package io.tailor.segment.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.contracts.Topics;
import io.tailor.contracts.segment.SegmentChange;
import io.tailor.kit.messaging.KeyedMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes enter and exit events on {@code segment-changes}, keyed by profile id; completes when Kafka has them. */
@ApplicationScoped
public class SegmentChangesProducer {

    private final MutinyEmitter<SegmentChange> emitter;

    public SegmentChangesProducer(
            @Channel(Topics.SEGMENT_CHANGES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    MutinyEmitter<SegmentChange> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(List<SegmentChange> changes) {
        return KeyedMessages.sendAll(emitter, changes, SegmentChange::profileId);
    }
}
