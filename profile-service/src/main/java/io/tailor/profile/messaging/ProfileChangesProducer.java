package io.tailor.profile.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.contracts.Topics;
import io.tailor.contracts.profile.ProfileChange;
import io.tailor.kit.messaging.KeyedMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes profile changes on {@code profile-changes}, keyed by profile id; completes when Kafka has them. */
@ApplicationScoped
public class ProfileChangesProducer {

    private final MutinyEmitter<ProfileChange> emitter;

    public ProfileChangesProducer(
            @Channel(Topics.PROFILE_CHANGES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    MutinyEmitter<ProfileChange> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(List<ProfileChange> changes) {
        return KeyedMessages.sendAll(emitter, changes, ProfileChange::profileId);
    }

    public Uni<Void> send(ProfileChange change) {
        return emitter.sendMessage(KeyedMessages.keyed(change, change.profileId()));
    }
}
