package io.tailor.content.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tailor.content.Offer;
import io.tailor.content.offer.OfferDefinition;
import io.tailor.content.targeting.TargetingRule;
import io.tailor.contracts.decision.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The active offers' windows and targeting in memory, so that a decision no offer can match (most pages, for most
 * shoppers) is answered without PostgreSQL. A decision that some offer may match still reads the offers, the
 * shopper's history and the pinned prices from PostgreSQL in one transaction, so prices never come from a stale
 * copy. Reloaded at start, after every change made here, and every {@code content.catalog-refresh} (changes made by
 * other replicas: until then, an offer created or enabled there is not yet shown here; {@link CatalogRefresh}).
 */
@ApplicationScoped
public class OfferCatalog {

    private static final Logger LOG = Logger.getLogger(OfferCatalog.class);

    /** An active offer's window and targeting. */
    record LiveOffer(String key, Instant startsAt, Instant endsAt, TargetingRule targeting) {

        boolean inWindow(Instant now) {
            return (startsAt == null || !startsAt.isAfter(now)) && (endsAt == null || endsAt.isAfter(now));
        }
    }

    private final ObjectMapper mapper;
    private volatile List<LiveOffer> offers = List.of();

    public OfferCatalog(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<Void> reload() {
        return Panache.withSession(() -> Offer.<Offer>list("active = true"))
                .invoke(all -> {
                    List<LiveOffer> live = new ArrayList<>();
                    for (Offer o : all) {
                        live.add(new LiveOffer(o.key, o.startsAt, o.endsAt, targeting(o)));
                    }
                    offers = List.copyOf(live);
                })
                .replaceWithVoid();
    }

    /**
     * Whether any active offer in its window may be shown to this shopper on this page: false means the decision is
     * no offer, without asking PostgreSQL.
     */
    public boolean anyMayMatch(
            Map<String, Instant> memberships, RequestContext context, Instant now, boolean personalized) {
        for (LiveOffer o : offers) {
            if (o.inWindow(now)
                    && OfferDecisionService.matchedRule(o.targeting(), personalized, memberships, context, now)
                            .isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The offer's targeting; an unreadable definition is kept as matching everyone, so the database path still meets
     * it (and fails as it did before this catalog) rather than the offer silently disappearing.
     */
    private TargetingRule targeting(Offer o) {
        try {
            return TargetingRule.of(
                    mapper.readValue(o.definition, OfferDefinition.class).targeting());
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable offer %s in the database: %s", o.key, e.getOriginalMessage());
            return TargetingRule.of(null);
        }
    }
}
