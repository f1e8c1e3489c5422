package io.tailor.rules;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.tailor.contracts.decision.RequestContext;
import io.tailor.contracts.event.Utm;
import io.tailor.contracts.profile.CartState;
import io.tailor.contracts.profile.ConsentState;
import io.tailor.contracts.profile.ProfileSnapshot;
import io.tailor.contracts.profile.PurchaseStats;
import io.tailor.contracts.profile.RecentView;
import io.tailor.contracts.profile.Touch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns profiles and request contexts into the messages of the {@link RuleSchema} that rules evaluate. */
public final class RuleInputs {

    /** Extra facts segment-service computes about a profile (RFM scores, spend percentile). */
    public record Scores(int recency, int frequency, int monetary, double spendPercentile) {

        public static final Scores NONE = new Scores(0, 0, 0, 0);
    }

    private RuleInputs() {}

    public static Message profile(ProfileSnapshot p, Scores scores) {
        Descriptor d = RuleSchema.profile();
        DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
        set(b, "id", p.profileId());
        set(b, "known", p.known());
        mapField(b, "traits", p.traits());
        ConsentState c = p.consentOrUnknown();
        b.setField(
                field(d, "consent"),
                DynamicMessage.newBuilder(nested(d, "consent"))
                        .setField(
                                field(nested(d, "consent"), "personalization"),
                                !Boolean.FALSE.equals(c.personalization()))
                        .setField(field(nested(d, "consent"), "analytics"), !Boolean.FALSE.equals(c.analytics()))
                        .setField(
                                field(nested(d, "consent"), "marketingEmail"), Boolean.TRUE.equals(c.marketingEmail()))
                        .setField(field(nested(d, "consent"), "answered"), c.updatedAt() != null)
                        .build());
        timestamp(b, "firstSeen", p.firstSeen());
        timestamp(b, "lastSeen", p.lastSeen());
        set(b, "sessions", (long) p.sessions());
        set(b, "pageViews", (long) p.pageViews());
        set(b, "productViews", (long) p.productViews());
        set(b, "orders", (long) p.orders());
        set(b, "totalSpend", p.totalSpend() == null ? 0.0 : p.totalSpend().doubleValue());
        set(
                b,
                "averageOrderValue",
                p.averageOrderValue() == null ? 0.0 : p.averageOrderValue().doubleValue());
        timestamp(b, "lastOrderAt", p.lastOrderAt());
        if (p.recentlyViewed() != null) {
            FieldDescriptor viewed = field(d, "recentlyViewed");
            p.recentlyViewed().stream().map(RecentView::productId).forEach(id -> b.addRepeatedField(viewed, id));
            timestamp(
                    b,
                    "lastViewedAt",
                    p.recentlyViewed().stream()
                            .map(RecentView::at)
                            .filter(java.util.Objects::nonNull)
                            .max(Instant::compareTo)
                            .orElse(null));
        }
        CartState cart = p.cartOrEmpty();
        Descriptor cartType = nested(d, "cart");
        DynamicMessage.Builder cb = DynamicMessage.newBuilder(cartType)
                .setField(field(cartType, "items"), (long)
                        (cart.lines() == null ? 0 : cart.lines().size()))
                .setField(
                        field(cartType, "value"),
                        cart.value() == null ? 0.0 : cart.value().doubleValue());
        if (cart.updatedAt() != null) {
            cb.setField(field(cartType, "updatedAt"), ts(cart.updatedAt()));
        }
        if (cart.lines() != null) {
            long units = 0;
            java.util.Set<String> categories = new java.util.LinkedHashSet<>();
            for (var l : cart.lines()) {
                if (l.productId() != null) {
                    cb.addRepeatedField(field(cartType, "productIds"), l.productId());
                }
                units += Math.max(0, l.quantity());
                if (l.categoryPath() != null
                        && !l.categoryPath().isEmpty()
                        && l.categoryPath().getFirst() != null) {
                    categories.add(l.categoryPath().getFirst());
                }
            }
            cb.setField(field(cartType, "units"), units);
            categories.forEach(category -> cb.addRepeatedField(field(cartType, "categories"), category));
        }
        b.setField(field(d, "cart"), cb.build());
        mapField(b, "categoryAffinity", p.categoryAffinity());
        mapField(b, "brandAffinity", p.brandAffinity());
        mapField(b, "priceBandAffinity", p.priceBandAffinity());
        if (p.purchases() != null) {
            FieldDescriptor purchases = field(d, "purchases");
            List<PurchaseStats> due = new java.util.ArrayList<>();
            for (PurchaseStats s : p.purchases()) {
                b.addRepeatedField(purchases, purchase(purchases.getMessageType(), s));
                if (nextDueAt(s) != null) {
                    due.add(s);
                }
            }
            replenishment(b, due);
        }
        touch(b, "firstTouch", p.firstTouch());
        touch(b, "latestTouch", p.latestTouch());
        set(b, "device", p.device());
        set(b, "country", p.country());
        set(b, "lifecycle", p.lifecycle() == null ? null : p.lifecycle().wireName());
        setScores(b, scores);
        return b.build();
    }

    /**
     * The profile input {@code base} with other scores: for inputs built once (say, kept in memory for previews)
     * and scored when evaluated, as scores move with everyone's data.
     */
    public static Message withScores(Message base, Scores scores) {
        DynamicMessage.Builder b =
                DynamicMessage.newBuilder(RuleSchema.profile()).mergeFrom(base);
        setScores(b, scores);
        return b.build();
    }

    static void setScores(DynamicMessage.Builder b, Scores scores) {
        Descriptor d = RuleSchema.profile();
        Descriptor rfm = nested(d, "rfm");
        b.setField(
                field(d, "rfm"),
                DynamicMessage.newBuilder(rfm)
                        .setField(field(rfm, "recency"), (long) scores.recency())
                        .setField(field(rfm, "frequency"), (long) scores.frequency())
                        .setField(field(rfm, "monetary"), (long) scores.monetary())
                        .setField(field(rfm, "code"), "" + scores.recency() + scores.frequency() + scores.monetary())
                        .build());
        b.setField(field(d, "spendPercentile"), scores.spendPercentile());
    }

    public static Message request(RequestContext r) {
        Descriptor d = RuleSchema.request();
        DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
        if (r == null) {
            return b.build();
        }
        set(b, "pageType", r.pageType());
        set(b, "url", r.url());
        set(b, "productId", r.productId());
        if (r.categoryPath() != null) {
            r.categoryPath().forEach(level -> b.addRepeatedField(field(d, "categoryPath"), level));
        }
        set(b, "query", r.query());
        Utm utm = r.utmOrNone();
        Descriptor touch = nested(d, "utm");
        DynamicMessage.Builder t = DynamicMessage.newBuilder(touch);
        set(t, "source", utm.source());
        set(t, "medium", utm.medium());
        set(t, "campaign", utm.campaign());
        set(t, "content", utm.content());
        set(t, "term", utm.term());
        b.setField(field(d, "utm"), t.build());
        set(b, "device", r.device());
        set(b, "country", r.country());
        set(b, "locale", r.locale());
        set(b, "referrer", r.referrer());
        if (r.cartProductIds() != null) {
            r.cartProductIds().stream()
                    .filter(java.util.Objects::nonNull)
                    .forEach(id -> b.addRepeatedField(field(d, "cartProductIds"), id));
        }
        return b.build();
    }

    public static Timestamp ts(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }

    private static Message purchase(Descriptor d, PurchaseStats s) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
        set(b, "productId", s.productId());
        set(b, "orders", (long) s.orders());
        set(b, "units", (long) s.units());
        timestamp(b, "lastPurchasedAt", s.lastPurchasedAt());
        timestamp(b, "firstPurchasedAt", s.firstPurchasedAt());
        if (s.averageIntervalDays() != null) {
            set(b, "averageIntervalDays", s.averageIntervalDays());
        }
        timestamp(b, "nextDueAt", nextDueAt(s));
        return b.build();
    }

    /** When a product is due again: the last purchase plus the mean interval (to the minute); null until known. */
    private static Instant nextDueAt(PurchaseStats s) {
        if (s == null || s.averageIntervalDays() == null || s.lastPurchasedAt() == null) {
            return null;
        }
        long minutes = Math.round(s.averageIntervalDays() * 1440);
        return s.lastPurchasedAt().plus(Duration.ofMinutes(minutes));
    }

    /**
     * {@code replenishment}: one small element (product, orders, due date) per purchase that has a
     * {@code nextDueAt}, earliest due first. Rules over due dates read it instead of {@code purchases}, so a scan
     * over many stored profiles decodes three fields of the products that can fall due, not seven of every product.
     */
    private static void replenishment(DynamicMessage.Builder b, List<PurchaseStats> due) {
        FieldDescriptor field = field(b.getDescriptorForType(), "replenishment");
        Descriptor d = field.getMessageType();
        due.stream()
                .sorted(java.util.Comparator.comparing(RuleInputs::nextDueAt)
                        .thenComparing(PurchaseStats::productId, java.util.Comparator.nullsFirst(String::compareTo)))
                .forEach(s -> {
                    DynamicMessage.Builder r = DynamicMessage.newBuilder(d);
                    set(r, "productId", s.productId());
                    set(r, "orders", (long) s.orders());
                    timestamp(r, "dueAt", nextDueAt(s));
                    b.addRepeatedField(field, r.build());
                });
    }

    private static void touch(DynamicMessage.Builder b, String field, Touch touch) {
        if (touch == null) {
            return;
        }
        Descriptor d = field(b.getDescriptorForType(), field).getMessageType();
        DynamicMessage.Builder t = DynamicMessage.newBuilder(d);
        set(t, "source", touch.source());
        set(t, "medium", touch.medium());
        set(t, "campaign", touch.campaign());
        timestamp(t, "at", touch.at());
        b.setField(field(b.getDescriptorForType(), field), t.build());
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        return RuleSchema.field(type, name);
    }

    private static Descriptor nested(Descriptor d, String field) {
        return field(d, field).getMessageType();
    }

    private static void set(DynamicMessage.Builder b, String field, Object value) {
        if (value != null) {
            b.setField(field(b.getDescriptorForType(), field), value);
        }
    }

    private static void timestamp(DynamicMessage.Builder b, String field, Instant at) {
        if (at != null) {
            b.setField(field(b.getDescriptorForType(), field), ts(at));
        }
    }

    private static void mapField(DynamicMessage.Builder b, String field, Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        FieldDescriptor f = field(b.getDescriptorForType(), field);
        Descriptor entry = f.getMessageType();
        values.forEach((key, value) -> {
            if (key != null && value != null) {
                b.addRepeatedField(
                        f,
                        DynamicMessage.newBuilder(entry)
                                .setField(field(entry, "key"), key)
                                .setField(field(entry, "value"), value)
                                .build());
            }
        });
    }

    /** The most elements of a list {@link #valueAt} shows. */
    public static final int SHOWN_ELEMENTS = 20;

    /**
     * The value a rule sees at {@code path} (field names joined by dots, below the variable: {@code cart.updatedAt}
     * of {@code profile}), as plain Java for JSON: timestamps as ISO-8601 text, messages as maps of their set
     * fields, maps as maps, lists cut to {@value #SHOWN_ELEMENTS} elements. Null when a field is not set or the
     * path does not exist.
     */
    public static Object valueAt(Message message, String path) {
        Object current = message;
        FieldDescriptor field = null;
        for (String name : path.split("\\.")) {
            if (!(current instanceof Message m)) {
                return null;
            }
            field = field(m.getDescriptorForType(), name);
            if (field == null) {
                return null;
            }
            if (!field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !m.hasField(field)) {
                return null;
            }
            current = m.getField(field);
        }
        return field == null ? plain(current, null) : plain(current, field);
    }

    private static Object plain(Object value, FieldDescriptor field) {
        if (field != null && field.isMapField()) {
            Map<Object, Object> map = new java.util.LinkedHashMap<>();
            for (Object entry : (List<?>) value) {
                Message e = (Message) entry;
                Descriptor d = e.getDescriptorForType();
                map.put(e.getField(field(d, "key")), plain(e.getField(field(d, "value")), null));
            }
            return map;
        }
        if (value instanceof List<?> list) {
            return list.stream().limit(SHOWN_ELEMENTS).map(v -> plain(v, null)).toList();
        }
        if (value instanceof Timestamp t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
        }
        if (value instanceof Message m
                && m.getDescriptorForType()
                        .getFullName()
                        .equals(Timestamp.getDescriptor().getFullName())) {
            Descriptor d = m.getDescriptorForType();
            return Instant.ofEpochSecond(
                            (Long) m.getField(field(d, "seconds")), (Integer) m.getField(field(d, "nanos")))
                    .toString();
        }
        if (value instanceof Message m) {
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            m.getAllFields().forEach((f, v) -> fields.put(f.getName(), plain(v, f)));
            return fields;
        }
        return value;
    }

    static List<String> names() {
        return RuleSchema.profile().getFields().stream()
                .map(FieldDescriptor::getName)
                .toList();
    }
}
