package io.tailor.recommendation.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tailor.recommendation.model.CoOccurrence;
import io.tailor.recommendation.repository.OrderLineStore;
import io.tailor.recommendation.repository.OrderLineStore.OrderedLine;
import io.tailor.recommendation.repository.SessionViewStore;
import io.tailor.recommendation.repository.SessionViewStore.SessionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The item-to-item interaction models: co-view (pairs viewed in one session), co-purchase (pairs in one order) and
 * shopper purchases (pairs bought by one shopper, for "similar shoppers"). Updated incrementally with every batch of
 * {@code shopper-events}; rebuilt from the persisted logs ({@code session_view}, {@code order_line}) at start and
 * periodically, which also forgets what was pruned or erased. Observations made during a rebuild are replayed into
 * the new models before they replace the old ones.
 */
@ApplicationScoped
public class InteractionModels {

    private static final Logger LOG = Logger.getLogger(InteractionModels.class);

    /** One set of models, swapped whole. */
    public record Models(CoOccurrence coView, CoOccurrence coPurchase, CoOccurrence shopperPurchases) {}

    private final SessionViewStore views;
    private final OrderLineStore orders;
    private final Duration viewWindow;
    private final Duration orderWindow;
    private final int maxRows;
    private final int maxGroups;
    private final int minSupport;
    private volatile Models models;
    private List<Consumer<Models>> duringRebuild;

    public InteractionModels(
            SessionViewStore views,
            OrderLineStore orders,
            @ConfigProperty(name = "recommendation.sessions.window", defaultValue = "P30D") Duration viewWindow,
            @ConfigProperty(name = "recommendation.interactions.order-window", defaultValue = "P365D")
                    Duration orderWindow,
            @ConfigProperty(name = "recommendation.interactions.max-rows", defaultValue = "2000000") int maxRows,
            @ConfigProperty(name = "recommendation.interactions.max-groups", defaultValue = "200000") int maxGroups,
            @ConfigProperty(name = "recommendation.interactions.min-support", defaultValue = "2") int minSupport) {
        this.views = views;
        this.orders = orders;
        this.viewWindow = viewWindow;
        this.orderWindow = orderWindow;
        this.maxRows = maxRows;
        this.maxGroups = maxGroups;
        this.minSupport = minSupport;
        this.models = empty();
    }

    private Models empty() {
        return new Models(
                new CoOccurrence(maxGroups, 50), new CoOccurrence(maxGroups, 50), new CoOccurrence(maxGroups, 200));
    }

    void onStart(@Observes StartupEvent start) {
        rebuild().subscribe().with(ignored -> {}, failure -> LOG.warnf("Interaction models not built: %s", failure));
    }

    @Scheduled(
            every = "${recommendation.interactions.rebuild-every:6h}",
            delayed = "${recommendation.interactions.rebuild-every:6h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return rebuild();
    }

    /** The pairs of at least this many groups are significant enough to recommend. */
    public int minSupport() {
        return minSupport;
    }

    public Models current() {
        return models;
    }

    /** Prunes old orders and rebuilds every model from the logs. */
    public Uni<Void> rebuild() {
        synchronized (this) {
            duringRebuild = new ArrayList<>();
        }
        Instant now = Instant.now();
        long[] started = new long[1];
        Models next = empty();
        // the logs are read through cursors, straight into the new models: holding millions of rows first would take
        // more memory than the models
        return orders.prune(now.minus(orderWindow))
                .invoke(() -> started[0] = System.nanoTime())
                .flatMap(pruned -> views.stream(now.minus(viewWindow), maxRows, view -> next.coView()
                        .observe(view.sessionId(), view.productId())))
                .flatMap(viewCount -> orders.stream(now.minus(orderWindow), maxRows, line -> observe(next, line))
                        .map(lineCount -> {
                            synchronized (this) {
                                duringRebuild.forEach(replay -> replay.accept(next));
                                duringRebuild = null;
                                models = next;
                            }
                            LOG.infof(
                                    "Interaction models: %d co-view pairs from %d views, %d co-purchase pairs from %d"
                                            + " lines in %d ms",
                                    next.coView().pairs(),
                                    viewCount,
                                    next.coPurchase().pairs(),
                                    lineCount,
                                    (System.nanoTime() - started[0]) / 1_000_000);
                            return null;
                        }))
                .onFailure()
                .invoke(() -> {
                    synchronized (this) {
                        duringRebuild = null;
                    }
                })
                .replaceWithVoid();
    }

    /** Adds a batch of new views and order lines to the models. */
    public void observe(List<SessionView> newViews, List<OrderedLine> newLines) {
        Consumer<Models> apply = m -> {
            newViews.forEach(view -> m.coView().observe(view.sessionId(), view.productId()));
            newLines.forEach(line -> observe(m, line));
        };
        synchronized (this) {
            apply.accept(models);
            if (duringRebuild != null) {
                // the rebuild may have read the logs before these were stored: apply them to its models too
                // (observing an item already in its group changes nothing)
                duringRebuild.add(apply);
            }
        }
    }

    /** Forgets the purchase history of erased shoppers now; their counts go at the next rebuild. */
    public void forgetShopper(List<String> anonymousIds, String customerId) {
        Models m = models;
        if (customerId != null) {
            m.shopperPurchases().forget("c:" + customerId);
        }
        if (anonymousIds != null) {
            anonymousIds.forEach(id -> m.shopperPurchases().forget("a:" + id));
        }
    }

    private static void observe(Models m, OrderedLine line) {
        m.coPurchase().observe(line.orderKey(), line.productId());
        String shopper = line.shopperKey();
        if (shopper != null) {
            m.shopperPurchases().observe(shopper, line.productId());
        }
    }
}
