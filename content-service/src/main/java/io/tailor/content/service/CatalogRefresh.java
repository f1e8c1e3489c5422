package io.tailor.content.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Loads the in-memory slots and offers at start (the service is not up before they are) and reloads them every
 * {@code content.catalog-refresh}, so that changes saved on other replicas are seen. A failed reload keeps the previous
 * copy and is logged. Each catalog also reloads itself after a change saved on this replica.
 */
@ApplicationScoped
class CatalogRefresh {

    private static final Logger LOG = Logger.getLogger(CatalogRefresh.class);

    private final SlotCatalog slots;
    private final OfferCatalog offers;

    CatalogRefresh(SlotCatalog slots, OfferCatalog offers) {
        this.slots = slots;
        this.offers = offers;
    }

    void start(@Observes StartupEvent started) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> slots.reload().call(offers::reload));
    }

    /** One after the other: both read through the context's Panache session. */
    @Scheduled(every = "${content.catalog-refresh:5s}", delayed = "5s")
    Uni<Void> refresh() {
        return quietly(slots.reload(), "Slots").call(() -> quietly(offers.reload(), "Offers"));
    }

    private static Uni<Void> quietly(Uni<Void> reload, String what) {
        return reload.onFailure()
                .invoke(f -> LOG.warnf("%s not refreshed: %s", what, f.getMessage()))
                .onFailure()
                .recoverWithNull();
    }
}
