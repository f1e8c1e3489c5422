package io.tailor.recommendation.strategy;

import io.tailor.contracts.profile.RecentView;
import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import io.tailor.recommendation.service.SessionModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What shoppers with a similar session went on to view (STAN over recent sessions, {@link SessionModel}). The session
 * is the shopper's views of the last 30 minutes (from the profile, with personalization consent) and the product on
 * the page; without either there is nothing to go on and the placement's next strategy fills in.
 */
public final class SessionNextStrategy implements Strategy {

    public static final String NAME = "session_next";
    static final Duration SESSION = Duration.ofMinutes(30);

    private final SessionModel model;
    private final CatalogIndex catalog;

    public SessionNextStrategy(SessionModel model, CatalogIndex catalog) {
        this.model = model;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> candidates(RecommendationContext context, int limit) {
        Instant now = Instant.now();
        List<String> session = session(context, now);
        if (session.isEmpty()) {
            return List.of();
        }
        String reason = catalog.get(session.getLast())
                .map(CatalogProduct::title)
                .map(title -> "Shoppers who viewed " + title + " went on to view this")
                .orElse("Shoppers who viewed what you viewed went on to view this");
        List<String> next = model.next(session, now, limit);
        List<Candidate> out = new ArrayList<>(next.size());
        for (int i = 0; i < next.size(); i++) {
            out.add(new Candidate(next.get(i), next.size() - i, NAME, reason));
        }
        return out;
    }

    /** The session so far, oldest first: recent views within {@link #SESSION}, then the product on the page. */
    static List<String> session(RecommendationContext context, Instant now) {
        List<String> session = new ArrayList<>();
        List<RecentView> views = context.profile().map(p -> p.recentlyViewed()).orElse(List.of());
        for (int i = views.size() - 1; i >= 0; i--) {
            RecentView v = views.get(i);
            if (v.at() != null && v.at().isAfter(now.minus(SESSION))) {
                session.add(v.productId());
            }
        }
        String onPage = context.request().productId();
        if (onPage != null && (session.isEmpty() || !session.getLast().equals(onPage))) {
            session.add(onPage);
        }
        return session;
    }
}
