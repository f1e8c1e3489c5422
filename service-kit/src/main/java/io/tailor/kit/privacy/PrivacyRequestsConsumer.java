package io.tailor.kit.privacy;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tailor.contracts.Topics;
import io.tailor.contracts.privacy.PrivacyRequest;
import io.tailor.contracts.privacy.PrivacyResult;
import io.tailor.kit.messaging.KeyedMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Every service's side of erasure: consumes {@code privacy-requests}, runs this service's
 * {@link ShopperDataEraser}s, and confirms on {@code privacy-results} (done, or not done with the reason). A service
 * without erasers confirms that it holds no shopper data, so the request's status shows every service.
 */
@ApplicationScoped
public class PrivacyRequestsConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyRequestsConsumer.class);

    private final Instance<ShopperDataEraser> erasers;
    private final MutinyEmitter<PrivacyResult> results;
    private final String service;

    public PrivacyRequestsConsumer(
            Instance<ShopperDataEraser> erasers,
            @Channel(Topics.PRIVACY_RESULTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1_000)
                    MutinyEmitter<PrivacyResult> results,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.erasers = erasers;
        this.results = results;
        this.service = service;
    }

    @Incoming(Topics.PRIVACY_REQUESTS)
    public Uni<Void> consume(PrivacyRequest request) {
        if (request == null || request.requestId() == null || request.kind() != PrivacyRequest.Kind.ERASE) {
            LOG.warnf("Ignoring an unreadable privacy request");
            return Uni.createFrom().voidItem();
        }
        List<ShopperDataEraser> all = erasers.stream().toList();
        Uni<String> work = all.isEmpty()
                ? Uni.createFrom().item("holds no shopper data")
                : Uni.join()
                        .all(all.stream().map(e -> e.erase(request)).toList())
                        .andFailFast()
                        .replaceWith("erased");
        return work.map(detail -> new PrivacyResult(request.requestId(), service, true, detail, Instant.now()))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.errorf(failure, "Erasure of request %s failed", request.requestId());
                    return new PrivacyResult(
                            request.requestId(),
                            service,
                            false,
                            "erasure failed: " + failure.getClass().getSimpleName(),
                            Instant.now());
                })
                .flatMap(result -> results.sendMessage(KeyedMessages.keyed(result, result.requestId())));
    }
}
