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
                d.findFieldByName("consent"),
                DynamicMessage.newBuilder(nested(d, "consent"))
                        .setField(
                                nested(d, "consent").findFieldByName("personalization"),
                                !Boolean.FALSE.equals(c.personalization()))
                        .setField(
                                nested(d, "consent").findFieldByName("analytics"), !Boolean.FALSE.equals(c.analytics()))
                        .setField(
                                nested(d, "consent").findFieldByName("marketingEmail"),
                                Boolean.TRUE.equals(c.marketingEmail()))
                        .setField(nested(d, "consent").findFieldByName("answered"), c.updatedAt() != null)
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
            FieldDescriptor viewed = d.findFieldByName("recentlyViewed");
            p.recentlyViewed().stream().map(RecentView::productId).forEach(id -> b.addRepeatedField(viewed, id));
        }
        CartState cart = p.cartOrEmpty();
        Descriptor cartType = nested(d, "cart");
        DynamicMessage.Builder cb = DynamicMessage.newBuilder(cartType)
                .setField(cartType.findFieldByName("items"), (long)
                        (cart.lines() == null ? 0 : cart.lines().size()))
                .setField(
                        cartType.findFieldByName("value"),
                        cart.value() == null ? 0.0 : cart.value().doubleValue());
        if (cart.updatedAt() != null) {
            cb.setField(cartType.findFieldByName("updatedAt"), ts(cart.updatedAt()));
        }
        if (cart.lines() != null) {
            cart.lines().forEach(l -> cb.addRepeatedField(cartType.findFieldByName("productIds"), l.productId()));
        }
        b.setField(d.findFieldByName("cart"), cb.build());
        mapField(b, "categoryAffinity", p.categoryAffinity());
        mapField(b, "brandAffinity", p.brandAffinity());
        mapField(b, "priceBandAffinity", p.priceBandAffinity());
        if (p.purchases() != null) {
            FieldDescriptor purchases = d.findFieldByName("purchases");
            for (PurchaseStats s : p.purchases()) {
                b.addRepeatedField(purchases, purchase(purchases.getMessageType(), s));
            }
        }
        touch(b, "firstTouch", p.firstTouch());
        touch(b, "latestTouch", p.latestTouch());
        set(b, "device", p.device());
        set(b, "country", p.country());
        set(b, "lifecycle", p.lifecycle() == null ? null : p.lifecycle().wireName());
        Descriptor rfm = nested(d, "rfm");
        b.setField(
                d.findFieldByName("rfm"),
                DynamicMessage.newBuilder(rfm)
                        .setField(rfm.findFieldByName("recency"), (long) scores.recency())
                        .setField(rfm.findFieldByName("frequency"), (long) scores.frequency())
                        .setField(rfm.findFieldByName("monetary"), (long) scores.monetary())
                        .setField(
                                rfm.findFieldByName("code"),
                                "" + scores.recency() + scores.frequency() + scores.monetary())
                        .build());
        set(b, "spendPercentile", scores.spendPercentile());
        return b.build();
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
            r.categoryPath().forEach(level -> b.addRepeatedField(d.findFieldByName("categoryPath"), level));
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
        b.setField(d.findFieldByName("utm"), t.build());
        set(b, "device", r.device());
        set(b, "country", r.country());
        set(b, "locale", r.locale());
        set(b, "referrer", r.referrer());
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
        if (s.averageIntervalDays() != null) {
            set(b, "averageIntervalDays", s.averageIntervalDays());
            if (s.lastPurchasedAt() != null) {
                long minutes = Math.round(s.averageIntervalDays() * 1440);
                timestamp(b, "nextDueAt", s.lastPurchasedAt().plus(Duration.ofMinutes(minutes)));
            }
        }
        return b.build();
    }

    private static void touch(DynamicMessage.Builder b, String field, Touch touch) {
        if (touch == null) {
            return;
        }
        Descriptor d = b.getDescriptorForType().findFieldByName(field).getMessageType();
        DynamicMessage.Builder t = DynamicMessage.newBuilder(d);
        set(t, "source", touch.source());
        set(t, "medium", touch.medium());
        set(t, "campaign", touch.campaign());
        b.setField(b.getDescriptorForType().findFieldByName(field), t.build());
    }

    private static Descriptor nested(Descriptor d, String field) {
        return d.findFieldByName(field).getMessageType();
    }

    private static void set(DynamicMessage.Builder b, String field, Object value) {
        if (value != null) {
            b.setField(b.getDescriptorForType().findFieldByName(field), value);
        }
    }

    private static void timestamp(DynamicMessage.Builder b, String field, Instant at) {
        if (at != null) {
            b.setField(b.getDescriptorForType().findFieldByName(field), ts(at));
        }
    }

    private static void mapField(DynamicMessage.Builder b, String field, Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        FieldDescriptor f = b.getDescriptorForType().findFieldByName(field);
        Descriptor entry = f.getMessageType();
        values.forEach((key, value) -> {
            if (key != null && value != null) {
                b.addRepeatedField(
                        f,
                        DynamicMessage.newBuilder(entry)
                                .setField(entry.findFieldByName("key"), key)
                                .setField(entry.findFieldByName("value"), value)
                                .build());
            }
        });
    }

    static List<String> names() {
        return RuleSchema.profile().getFields().stream()
                .map(FieldDescriptor::getName)
                .toList();
    }
}
