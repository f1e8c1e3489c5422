package io.tailor.segment.testing;

import io.tailor.devstack.demo.RetailCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the retail dataset itself says about each shopper, read straight from the invoice lines (not from profiles):
 * the expectations the template tests compare segment membership with.
 */
public final class RetailFacts {

    private static final DateTimeFormatter INVOICE_DATE = DateTimeFormatter.ofPattern("M/d/yy H:mm");

    /** One shopper: a customer, or a guest invoice. */
    public static final class Shopper {
        public final String key;
        /** Who the demo history simulates the acquisition source for: the customer id or the guest's invoice. */
        public final String sourceKey;

        public final boolean customer;
        public final Set<String> invoices = new LinkedHashSet<>();
        public BigDecimal spend = BigDecimal.ZERO;
        public Instant lastInvoiceAt;
        public long units;
        public long lines;
        /** Per product: how many order lines, the first and the last invoice time (dataset time). */
        public final Map<String, Instant[]> productTimes = new LinkedHashMap<>();

        public final Map<String, Integer> productLines = new LinkedHashMap<>();

        Shopper(String key, String sourceKey, boolean customer) {
            this.key = key;
            this.sourceKey = sourceKey;
            this.customer = customer;
        }
    }

    /** Every shopper with at least one valid invoice, keyed as profiles are ({@link ShopperHistories#shopperOf}). */
    public final Map<String, Shopper> shoppers = new LinkedHashMap<>();

    /** The latest invoice of the dataset (dataset time); the demo history moves it to the day before now. */
    public Instant lastInvoice;

    public static RetailFacts read() {
        List<RetailCatalog.Line> lines = ShopperHistories.lines();
        Set<String> products = RetailCatalog.products(lines, LocalDate.now()).stream()
                .map(RetailCatalog.Product::id)
                .collect(Collectors.toSet());
        RetailFacts facts = new RetailFacts();
        for (RetailCatalog.Line l : lines) {
            if (l.cancelled() || !products.contains(l.stockCode())) {
                continue;
            }
            boolean customer = l.customerId() != null;
            String key = customer ? l.customerId() : "guest-" + l.invoice();
            Shopper s = facts.shoppers.computeIfAbsent(
                    key, k -> new Shopper(k, customer ? l.customerId() : l.invoice(), customer));
            Instant at = LocalDateTime.parse(l.invoiceDate(), INVOICE_DATE).toInstant(ZoneOffset.UTC);
            s.invoices.add(l.invoice());
            s.spend = s.spend.add(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())));
            s.lastInvoiceAt = s.lastInvoiceAt == null || at.isAfter(s.lastInvoiceAt) ? at : s.lastInvoiceAt;
            s.units += l.quantity();
            s.lines++;
            s.productLines.merge(l.stockCode(), 1, Integer::sum);
            Instant[] times = s.productTimes.computeIfAbsent(l.stockCode(), k -> new Instant[2]);
            times[0] = times[0] == null || at.isBefore(times[0]) ? at : times[0];
            times[1] = times[1] == null || at.isAfter(times[1]) ? at : times[1];
            facts.lastInvoice = facts.lastInvoice == null || at.isAfter(facts.lastInvoice) ? at : facts.lastInvoice;
        }
        return facts;
    }

    /** Dataset time moved as the demo history moves it, for a history built at {@code now}. */
    public Instant shifted(Instant datasetTime, Instant now) {
        return datasetTime.plus(Duration.between(lastInvoice, now.minus(Duration.ofDays(1))));
    }

    /** The acquisition bucket the demo history simulates (0-2 paid social, 3-4 e-mail, 5-6 search ads). */
    public static int sourceBucket(Shopper s) {
        return Math.floorMod(s.sourceKey.hashCode(), 10);
    }
}
