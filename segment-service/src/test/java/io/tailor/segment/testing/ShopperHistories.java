package io.tailor.segment.testing;

import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.PageInfo;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.Utm;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.devstack.demo.DemoHistory;
import io.tailor.devstack.demo.RetailCatalog;
import io.tailor.profile.domain.ProfilePolicy;
import io.tailor.profile.domain.ProfileState;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Profiles built from real event sequences, for tests and benchmarks.
 *
 * <p>The sequences: {@link DemoHistory} turns the invoices of the UCI Online Retail sample
 * (data/online-retail-sample.csv) into the events a storefront would send (identify, landing page view, product
 * view and add to cart per invoice line, checkout, order), moved in time so that the last order was the day before
 * {@code now}; {@link Sequence} builds hand-made sequences (an abandoned cart, a browse without a cart) for the
 * time-based templates.
 *
 * <p>The fold is profile-service's own ({@link ProfileState}, module profile-model), so a template is tested on
 * exactly the profile the platform would publish for these events.
 */
public final class ShopperHistories {

    private static final Duration HALF_LIFE = Duration.ofDays(14);
    private static final int RECENTLY_VIEWED = 20;
    private static final int AFFINITY_KEYS = 50;

    private ShopperHistories() {}

    /** The dataset, found from the module folder or the repository root. */
    public static Path dataset() {
        for (Path p : List.of(
                Path.of("data/online-retail-sample.csv"),
                Path.of("../data/online-retail-sample.csv"),
                Path.of(System.getProperty("tailor.home", "."), "data/online-retail-sample.csv"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("data/online-retail-sample.csv not found");
    }

    public static List<RetailCatalog.Line> lines() {
        return RetailCatalog.lines(dataset());
    }

    /** The retail history's events, the last order one day before {@code now}. */
    public static List<ShopperEvent> retailEvents(Instant now) {
        List<RetailCatalog.Line> lines = lines();
        return DemoHistory.events(lines, RetailCatalog.products(lines, LocalDate.ofInstant(now, ZoneOffset.UTC)), now);
    }

    /** Who an event is about: the customer id once known, else the anonymous id. */
    public static String shopperOf(ShopperEvent e) {
        return e.customerId() != null ? e.customerId() : e.anonymousId();
    }

    /** A stable profile id for a shopper key within a run (so runs of a test do not share profiles). */
    public static String profileId(String run, String shopper) {
        return UUID.nameUUIDFromBytes((run + ":" + shopper).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * One profile per shopper, from their events in time order, as of {@code now}: folded by profile-service's own
     * code ({@link ProfileState} from the profile-model module) with the default policy.
     */
    public static Map<String, ProfileSnapshot> fold(List<ShopperEvent> events, Instant now, String run) {
        Map<String, ProfileState> states = new LinkedHashMap<>();
        Map<String, List<String>> anonymousIds = new LinkedHashMap<>();
        Map<String, String> customers = new LinkedHashMap<>();
        Map<String, Long> versions = new LinkedHashMap<>();
        events.stream().sorted(Comparator.comparing(ShopperEvent::occurredAt)).forEach(e -> {
            String shopper = shopperOf(e);
            states.computeIfAbsent(shopper, k -> new ProfileState()).apply(e, ProfilePolicy.DEFAULT);
            List<String> ids = anonymousIds.computeIfAbsent(shopper, k -> new ArrayList<>());
            if (e.anonymousId() != null && !ids.contains(e.anonymousId())) {
                ids.add(e.anonymousId());
            }
            if (e.customerId() != null) {
                customers.put(shopper, e.customerId());
            }
            versions.merge(shopper, 1L, Long::sum);
        });
        Map<String, ProfileSnapshot> profiles = new LinkedHashMap<>();
        states.forEach((shopper, state) -> profiles.put(
                shopper,
                state.snapshot(
                        profileId(run, shopper),
                        versions.get(shopper),
                        customers.get(shopper),
                        anonymousIds.get(shopper),
                        ProfilePolicy.DEFAULT,
                        now)));
        return profiles;
    }

    /** Hand-made event sequences for one shopper. */
    public static final class Sequence {
        private final String anonymousId;
        private final List<ShopperEvent> events = new ArrayList<>();
        private String customerId;
        private Utm utm;
        private String session = UUID.randomUUID().toString();

        public Sequence(String anonymousId) {
            this.anonymousId = anonymousId;
        }

        public List<ShopperEvent> events() {
            return List.copyOf(events);
        }

        /** Starts a new visit, from a campaign ({@code utm}) or direct (null). */
        public Sequence visit(Utm campaign) {
            session = UUID.randomUUID().toString();
            utm = campaign;
            return this;
        }

        public Sequence identify(String customer, Map<String, String> traits, Instant at) {
            customerId = customer;
            return add(EventType.IDENTIFY, at, props(null, null, null, null, null, null, traits));
        }

        public Sequence pageView(Instant at) {
            return add(EventType.PAGE_VIEW, at, EventProperties.EMPTY);
        }

        public Sequence productView(String productId, String category, String price, Instant at) {
            return add(
                    EventType.PRODUCT_VIEW,
                    at,
                    props(productId, List.of(category), new BigDecimal(price), null, null, null, null));
        }

        public Sequence addToCart(String productId, String category, String price, int quantity, Instant at) {
            return add(
                    EventType.ADD_TO_CART,
                    at,
                    props(productId, List.of(category), new BigDecimal(price), quantity, null, null, null));
        }

        public Sequence order(String orderId, List<OrderLine> lines, Instant at) {
            BigDecimal total = lines.stream()
                    .map(l -> l.price().multiply(BigDecimal.valueOf(l.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return add(EventType.ORDER_COMPLETED, at, props(null, null, null, null, orderId, lines, null, total));
        }

        private Sequence add(EventType type, Instant at, EventProperties properties) {
            events.add(new ShopperEvent(
                    UUID.randomUUID().toString(),
                    type,
                    at,
                    at,
                    anonymousId,
                    customerId,
                    session,
                    new EventContext(
                            new PageInfo("https://shop.example/", "home", null, null),
                            utm,
                            "mobile",
                            null,
                            "en-GB",
                            "GB",
                            "Europe/London"),
                    properties));
            return this;
        }

        private static EventProperties props(
                String productId,
                List<String> category,
                BigDecimal price,
                Integer quantity,
                String orderId,
                List<OrderLine> lines,
                Map<String, String> traits) {
            return props(productId, category, price, quantity, orderId, lines, traits, null);
        }

        private static EventProperties props(
                String productId,
                List<String> category,
                BigDecimal price,
                Integer quantity,
                String orderId,
                List<OrderLine> lines,
                Map<String, String> traits,
                BigDecimal total) {
            return new EventProperties(
                    productId,
                    category,
                    null,
                    price,
                    price == null && lines == null ? null : "GBP",
                    quantity,
                    null,
                    null,
                    orderId,
                    lines,
                    total,
                    null,
                    null,
                    null,
                    traits,
                    null,
                    null);
        }
    }
}
