package io.tailor.profile.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tailor.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends events this service cannot apply to {@code shopper-events-dlq}: the original payload and key, with the
 * reason and the source position in headers ({@code dlq-reason}, {@code dlq-topic}, {@code dlq-partition},
 * {@code dlq-offset}, {@code dlq-service}).
 */
@ApplicationScoped
public class DeadLetterProducer {

    private final MutinyEmitter<String> emitter;

    public DeadLetterProducer(
            @Channel(Topics.SHOPPER_EVENTS_DLQ) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 5_000)
                    MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dlq-reason", utf8(reason));
        headers.add("dlq-topic", utf8(record.topic()));
        headers.add("dlq-partition", utf8(Integer.toString(record.partition())));
        headers.add("dlq-offset", utf8(Long.toString(record.offset())));
        headers.add("dlq-service", utf8("profile-service"));
        String payload = record.value() == null ? "" : record.value();
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build()));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
