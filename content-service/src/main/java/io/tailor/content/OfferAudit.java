package io.tailor.content;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One offer shown to one shopper (for one product when it prices products): the audit log. */
@Entity
@Table(name = "offer_audit")
public class OfferAudit extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "offer_key")
    public String offerKey;

    @Column(name = "shopper_id")
    public String shopperId;

    @Column(name = "profile_id")
    public String profileId;

    @Column(name = "product_id")
    public String productId;

    @Column(name = "base_price")
    public BigDecimal basePrice;

    @Column(name = "offer_price")
    public BigDecimal offerPrice;

    @Column(columnDefinition = "text")
    public String explanation;

    @Column(name = "matched_rule")
    public String matchedRule;

    @Column(name = "shown_at")
    public Instant shownAt;
}
