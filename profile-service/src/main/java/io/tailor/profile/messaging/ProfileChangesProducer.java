package io.tailor.profile.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.contracts.Topics;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.kit.messaging.KeyedMessages;
import io.tailor.profile.messaging.ProfileChangeJson.Encoded;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes profile changes on {@code profile-changes}, keyed by profile id; completes when Kafka has them. */
@ApplicationScoped
public class ProfileChangesProducer {

    private final MutinyEmitter<String> emitter;
    private final ProfileChangeJson json;

    public ProfileChangesProducer(
            @Channel(Topics.PROFILE_CHANGES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    MutinyEmitter<String> emitter,
            ProfileChangeJson json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** Sends changes whose snapshots are already written (the same JSON went to the hot state). */
    public Uni<Void> send(List<Encoded> changes) {
        return KeyedMessages.sendAll(
                emitter, changes, json::message, c -> c.change().profileId());
    }

    public Uni<Void> send(ProfileChange change) {
        return send(List.of(json.encode(change)));
    }
}
