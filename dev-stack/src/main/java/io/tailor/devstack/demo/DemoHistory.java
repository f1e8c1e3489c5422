package io.tailor.devstack.demo;

import io.tailor.contracts.event.EventContext;
import io.tailor.contracts.event.EventProperties;
import io.tailor.contracts.event.EventType;
import io.tailor.contracts.event.OrderLine;
import io.tailor.contracts.event.PageInfo;
import io.tailor.contracts.event.ShopperEvent;
import io.tailor.contracts.event.Utm;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shopper history from the retail dataset's real invoices: for each order, the shopper views each product, adds it
 * to the cart, checks out and completes the order; known customers identify first. Timestamps keep the dataset's
 * gaps but are moved so the last order was yesterday; acquisition sources are simulated per customer. Event ids are
 * derived from the data, so seeding twice changes nothing.
 */
public final class DemoHistory {

    private static final DateTimeFormatter INVOICE_DATE = DateTimeFormatter.ofPattern("M/d/yy H:mm");
    private static final double WHOLESALE_UNITS_PER_LINE = 24;

    private DemoHistory() {}

    /** The events of every valid invoice, in time order. */
    public static List<ShopperEvent> events(
            List<RetailCatalog.Line> lines, List<RetailCatalog.Product> products, Instant now) {
        Map<String, RetailCatalog.Product> catalog = new LinkedHashMap<>();
        products.forEach(p -> catalog.put(p.id(), p));
        Map<String, List<RetailCatalog.Line>> invoices = new LinkedHashMap<>();
        for (RetailCatalog.Line l : lines) {
            if (!l.cancelled() && catalog.containsKey(l.stockCode())) {
                invoices.computeIfAbsent(l.invoice(), k -> new ArrayList<>()).add(l);
            }
        }
        Instant last = invoices.values().stream()
                .map(ls -> time(ls.getFirst()))
                .max(Comparator.naturalOrder())
                .orElse(now);
        Duration shift = Duration.between(last, now.minus(Duration.ofDays(1)));

        Map<String, Double> unitsPerLine = new LinkedHashMap<>();
        Map<String, Integer> lineCounts = new LinkedHashMap<>();
        for (List<RetailCatalog.Line> ls : invoices.values()) {
            String customer = ls.getFirst().customerId();
            if (customer != null) {
                for (RetailCatalog.Line l : ls) {
                    unitsPerLine.merge(customer, (double) l.quantity(), Double::sum);
                    lineCounts.merge(customer, 1, Integer::sum);
                }
            }
        }

        List<ShopperEvent> events = new ArrayList<>();
        Map<String, Boolean> identified = new LinkedHashMap<>();
        for (List<RetailCatalog.Line> ls : invoices.values()) {
            RetailCatalog.Line head = ls.getFirst();
            Instant orderedAt = time(head).plus(shift);
            String customer = head.customerId();
            String anonymous = customer == null ? "guest-" + head.invoice() : "anon-" + customer;
            String session = "s-" + head.invoice();
            Instant at = orderedAt.minus(Duration.ofMinutes(2L * ls.size() + 5));
            EventContext context = context(customer == null ? head.invoice() : customer, head.country());
            if (customer != null && identified.putIfAbsent(customer, true) == null) {
                boolean wholesale = unitsPerLine.get(customer) / lineCounts.get(customer) >= WHOLESALE_UNITS_PER_LINE;
                events.add(event(
                        "identify:" + customer,
                        EventType.IDENTIFY,
                        at.minusSeconds(30),
                        anonymous,
                        customer,
                        session,
                        context,
                        props(
                                null,
                                null,
                                null,
                                null,
                                null,
                                Map.of(
                                        "accountType", wholesale ? "wholesale" : "retail",
                                        "priceTier", wholesale ? "trade" : "standard",
                                        "locale", "en-GB"))));
            }
            events.add(event(
                    "landing:" + head.invoice(),
                    EventType.PAGE_VIEW,
                    at,
                    anonymous,
                    customer,
                    session,
                    context,
                    EventProperties.EMPTY));
            List<OrderLine> orderLines = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            int i = 0;
            for (RetailCatalog.Line l : ls) {
                RetailCatalog.Product p = catalog.get(l.stockCode());
                Instant viewAt = at.plusSeconds(60L * ++i);
                String key = head.invoice() + ":" + i;
                events.add(event(
                        "view:" + key,
                        EventType.PRODUCT_VIEW,
                        viewAt,
                        anonymous,
                        customer,
                        session,
                        page(context, "product"),
                        props(p, null, null, null, null, null)));
                events.add(event(
                        "cart:" + key,
                        EventType.ADD_TO_CART,
                        viewAt.plusSeconds(20),
                        anonymous,
                        customer,
                        session,
                        page(context, "product"),
                        props(p, l.quantity(), null, null, null, null)));
                orderLines.add(new OrderLine(p.id(), l.quantity(), l.unitPrice(), p.categoryPath(), p.brand()));
                total = total.add(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())));
            }
            events.add(event(
                    "checkout:" + head.invoice(),
                    EventType.CHECKOUT_STARTED,
                    orderedAt.minusSeconds(60),
                    anonymous,
                    customer,
                    session,
                    page(context, "checkout"),
                    props(null, null, null, orderLines, null, null)));
            events.add(event(
                    "order:" + head.invoice(),
                    EventType.ORDER_COMPLETED,
                    orderedAt,
                    anonymous,
                    customer,
                    session,
                    page(context, "checkout"),
                    props(null, null, head.invoice(), orderLines, total, null)));
        }
        events.sort(Comparator.comparing(ShopperEvent::occurredAt));
        return events;
    }

    static Instant time(RetailCatalog.Line line) {
        return LocalDateTime.parse(line.invoiceDate(), INVOICE_DATE).toInstant(ZoneOffset.UTC);
    }

    /** A simulated acquisition source per shopper: paid social, e-mail, search ads or direct. */
    private static EventContext context(String who, String country) {
        int bucket = Math.floorMod(who.hashCode(), 10);
        Utm utm =
                switch (bucket) {
                    case 0, 1, 2 -> new Utm("facebook", "paid_social", "winter-gifts", null, null);
                    case 3, 4 -> new Utm("newsletter", "email", "december-picks", null, null);
                    case 5, 6 -> new Utm("google", "cpc", "gift-shop", null, "gifts");
                    default -> null;
                };
        String device = bucket % 2 == 0 ? "mobile" : "desktop";
        return new EventContext(
                new PageInfo("https://demo.tailor.local/", "home", null, null),
                utm,
                device,
                null,
                "en-GB",
                countryCode(country),
                "Europe/London");
    }

    private static EventContext page(EventContext c, String type) {
        return new EventContext(
                new PageInfo(c.page().url(), type, null, null),
                c.utm(),
                c.device(),
                null,
                c.locale(),
                c.country(),
                c.timeZone());
    }

    private static String countryCode(String country) {
        return switch (country) {
            case "United Kingdom" -> "GB";
            case "France" -> "FR";
            case "Germany" -> "DE";
            case "Netherlands" -> "NL";
            case "Australia" -> "AU";
            case "Norway" -> "NO";
            case "EIRE" -> "IE";
            case "Spain" -> "ES";
            case "Belgium" -> "BE";
            case "Switzerland" -> "CH";
            case "Portugal" -> "PT";
            case "Italy" -> "IT";
            case "Japan" -> "JP";
            case "Poland" -> "PL";
            case "Lithuania" -> "LT";
            case "Iceland" -> "IS";
            default -> null;
        };
    }

    private static EventProperties props(
            RetailCatalog.Product p,
            Integer quantity,
            String orderId,
            List<OrderLine> lines,
            BigDecimal total,
            Map<String, String> traits) {
        return new EventProperties(
                p == null ? null : p.id(),
                p == null ? null : p.categoryPath(),
                p == null ? null : p.brand(),
                p == null ? null : p.price(),
                p == null && lines == null ? null : "GBP",
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

    private static ShopperEvent event(
            String key,
            EventType type,
            Instant at,
            String anonymousId,
            String customerId,
            String session,
            EventContext context,
            EventProperties properties) {
        String id = UUID.nameUUIDFromBytes(("tailor-demo:" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new ShopperEvent(id, type, at, null, anonymousId, customerId, session, context, properties);
    }
}
