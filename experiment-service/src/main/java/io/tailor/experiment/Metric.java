package io.tailor.experiment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A metric defined as data: which shopper event counts and how per-unit values are summarised. */
@Entity
@Table(name = "metric")
public class Metric extends PanacheEntityBase {

    @Id
    public String key;

    public String name;

    /** proportion, mean or ratio */
    public String kind;

    /** the shopper event type (wire name) that counts, e.g. order_completed */
    @Column(name = "event_type")
    public String eventType;

    /** count (1 per event), revenue (order total or price × quantity) or units (quantity) */
    @Column(name = "value_source")
    public String valueSource;

    /** proportion: events a unit needs to count as converted (2 = repeat purchase) */
    @Column(name = "min_count")
    public int minCount;

    /** only events within this many days after first exposure count; null: any time */
    @Column(name = "window_days")
    public Integer windowDays;

    @Column(name = "denominator_event_type")
    public String denominatorEventType;

    @Column(name = "denominator_source")
    public String denominatorSource;

    @Column(name = "lower_is_better")
    public boolean lowerIsBetter;

    /** CUPED covariate from the pre-exposure profile: orders or revenue; null: none */
    public String covariate;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
