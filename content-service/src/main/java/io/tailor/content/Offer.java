package io.tailor.content;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An offer (a discount, free shipping, a bundle or wholesale tiers) shown to the shoppers its targeting matches. */
@Entity
@Table(name = "offer")
public class Offer extends PanacheEntityBase {

    @Id
    public String key;

    public String name;

    /** An {@link io.tailor.content.offer.OfferKind} wire name. */
    public String kind;

    /** The JSON of an {@link io.tailor.content.offer.OfferDefinition}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String definition;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public boolean active;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
