package io.tailor.gateway.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.contracts.Topics;
import io.tailor.contracts.experiment.Exposure;
import io.tailor.kit.messaging.KeyedMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Logs experiment exposures on {@code exposures}, keyed by unit id. Sent without waiting: a decision never waits for
 * Kafka; a failed send is logged and counted by the Kafka client metrics.
 */
@ApplicationScoped
public class ExposuresProducer {

    private static final Logger LOG = Logger.getLogger(ExposuresProducer.class);

    private final MutinyEmitter<Exposure> emitter;

    public ExposuresProducer(
            @Channel(Topics.EXPOSURES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 50_000)
                    MutinyEmitter<Exposure> emitter) {
        this.emitter = emitter;
    }

    public void publish(Exposure exposure) {
        emitter.sendMessage(KeyedMessages.keyed(exposure, exposure.unitId()))
                .subscribe()
                .with(
                        ok -> {},
                        failure -> LOG.warnf(
                                "Exposure of %s in %s not logged: %s",
                                exposure.unitId(), exposure.experimentKey(), failure.getMessage()));
    }
}
