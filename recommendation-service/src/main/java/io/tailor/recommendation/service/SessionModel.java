package io.tailor.recommendation.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.recommendation.repository.SessionViewStore;
import io.tailor.recommendation.repository.SessionViewStore.SessionView;
import io.tailor.recommendation.session.SessionIndex;
import io.tailor.recommendation.session.SessionKnn;
import io.tailor.recommendation.session.SessionRecommender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The session-based recommender (STAN) over the recent sessions of all shoppers: rebuilt from {@code session_view}
 * on a schedule and swapped whole, so requests never see a half-built model. Old views are pruned at each rebuild.
 */
@ApplicationScoped
public class SessionModel {

    private static final Logger LOG = Logger.getLogger(SessionModel.class);

    /** One built model: the index, the product ids behind its item ids, and a recommender per thread. */
    private record Built(
            SessionIndex index, Map<String, Integer> ids, String[] products, ThreadLocal<SessionRecommender> stan) {}

    private final SessionViewStore store;
    private final Duration window;
    private final int maxViews;
    private volatile Built built;

    public SessionModel(
            SessionViewStore store,
            @ConfigProperty(name = "recommendation.sessions.window", defaultValue = "P30D") Duration window,
            @ConfigProperty(name = "recommendation.sessions.max-views", defaultValue = "2000000") int maxViews) {
        this.store = store;
        this.window = window;
        this.maxViews = maxViews;
    }

    void onStart(@Observes StartupEvent start) {
        rebuild()
                .subscribe()
                .with(ignored -> {}, failure -> LOG.warnf("Session model not built at start: %s", failure));
    }

    @Scheduled(
            every = "${recommendation.sessions.rebuild-every:5m}",
            delayed = "${recommendation.sessions.rebuild-every:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return rebuild();
    }

    /** Prunes views older than the window and rebuilds the model from the rest, read through a cursor. */
    public Uni<Void> rebuild() {
        Instant since = Instant.now().minus(window);
        Builder builder = new Builder();
        long[] started = new long[1];
        return store.prune(since)
                .invoke(() -> started[0] = System.nanoTime())
                .flatMap(pruned -> store.stream(since, maxViews, builder::add))
                .map(views -> {
                    Built next = builder.build();
                    built = next;
                    LOG.infof(
                            "Session model: %d sessions, %d products from %d views in %d ms",
                            next.index().sessions(),
                            next.index().items(),
                            views,
                            (System.nanoTime() - started[0]) / 1_000_000);
                    return null;
                });
    }

    /** Collects views, grouped by session in time order, into sessions of item ids. */
    static final class Builder {

        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> products = new ArrayList<>();
        private final List<int[]> sessions = new ArrayList<>();
        private final List<Long> times = new ArrayList<>();
        private final List<Integer> current = new ArrayList<>();
        private String session;
        private long last;

        void add(SessionView v) {
            if (!v.sessionId().equals(session)) {
                endSession();
                session = v.sessionId();
            }
            int id = ids.computeIfAbsent(v.productId(), p -> {
                products.add(p);
                return products.size() - 1;
            });
            current.add(id);
            last = v.viewedAt().getEpochSecond();
        }

        private void endSession() {
            // a session of one view says nothing about what comes next
            if (current.size() >= 2) {
                sessions.add(current.stream().mapToInt(Integer::intValue).toArray());
                times.add(last);
            }
            current.clear();
        }

        Built build() {
            endSession();
            SessionIndex index = SessionIndex.of(
                    sessions.toArray(int[][]::new),
                    times.stream().mapToLong(Long::longValue).toArray(),
                    products.size());
            return new Built(
                    index,
                    ids,
                    products.toArray(String[]::new),
                    ThreadLocal.withInitial(() -> SessionKnn.stan(index, SessionKnn.Parameters.stan())));
        }
    }

    /**
     * What shoppers whose sessions resembled this one viewed, best first.
     *
     * @param session product ids viewed in this session, oldest first
     */
    public List<String> next(List<String> session, Instant now, int k) {
        Built model = built;
        if (model == null || session.isEmpty()) {
            return List.of();
        }
        int[] items = session.stream()
                .map(model.ids()::get)
                .filter(id -> id != null)
                .mapToInt(Integer::intValue)
                .toArray();
        if (items.length == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int item : model.stan().get().recommend(items, now.getEpochSecond(), k)) {
            out.add(model.products()[item]);
        }
        return out;
    }

    /** Sessions in the current model (0 before the first build). */
    public int sessions() {
        Built model = built;
        return model == null ? 0 : model.index().sessions();
    }
}
