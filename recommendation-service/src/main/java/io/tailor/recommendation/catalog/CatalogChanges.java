package io.tailor.recommendation.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes products upserted through the API on {@code catalog-changes}, marked as already stored: every replica's
 * in-memory catalogue follows them, and the consumer that stores external changes skips them. When Kafka does not
 * take them the upsert still stands (it is in PostgreSQL); other replicas see it at their next start.
 */
@ApplicationScoped
public class CatalogChanges {

    private static final Logger LOG = Logger.getLogger(CatalogChanges.class);

    /** The header that marks a change as already stored in PostgreSQL by the replica that took it through the API. */
    public static final String STORED_HEADER = "tailor-stored";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;

    /**
     * Changes handed to Kafka at once. An upload holds up to 10,000 products; handing them all over at once overflowed
     * the emitter's buffer (128 by default), and all but the first changes of a larger upload were refused.
     */
    static final int IN_FLIGHT = 256;

    public CatalogChanges(
            @Channel("catalog-changes-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                    MutinyEmitter<String> emitter,
            ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    public Uni<Void> published(Collection<ProductInput> rows) {
        return Multi.createFrom()
                .iterable(rows)
                .onItem()
                .transformToUni(this::publish)
                .merge(IN_FLIGHT)
                .onItem()
                .ignoreAsUni()
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("Catalogue changes not published; other replicas see them at their next start: %s", e);
                    return null;
                });
    }

    private Uni<Void> publish(ProductInput row) {
        String json;
        try {
            json = mapper.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(STORED_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        return emitter.sendMessage(Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(row.id())
                        .withHeaders(headers)
                        .build()));
    }

    /** Whether a consumed change was already stored by the replica that published it. */
    public static boolean stored(org.apache.kafka.common.header.Headers headers) {
        return headers != null && headers.lastHeader(STORED_HEADER) != null;
    }
}
