package io.tailor.kit.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends messages with a Kafka key and completes when the broker acknowledged them. */
public final class KeyedMessages {

    private KeyedMessages() {}

    /** One message with its record key. */
    public static <T> Message<T> keyed(T payload, String key) {
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build());
    }

    /** Sends every payload keyed by {@code key}; completes when all are acknowledged, fails if any failed. */
    public static <T> Uni<Void> sendAll(MutinyEmitter<T> emitter, List<T> payloads, Function<T, String> key) {
        return sendAll(emitter, payloads, Function.identity(), key);
    }

    /**
     * Sends the payload made of each item, keyed by {@code key} of the item; completes when all are acknowledged,
     * fails if any failed.
     */
    public static <S, T> Uni<Void> sendAll(
            MutinyEmitter<T> emitter, List<S> items, Function<S, T> payload, Function<S, String> key) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join()
                .all(items.stream()
                        .map(item -> emitter.sendMessage(keyed(payload.apply(item), key.apply(item))))
                        .toList())
                .andCollectFailures()
                .replaceWithVoid();
    }
}
