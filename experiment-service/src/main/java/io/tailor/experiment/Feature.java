package io.tailor.experiment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A feature: a setting served to shoppers by ordered rules; see {@link io.tailor.experiment.feature.FeatureDefinition}. */
@Entity
@Table(name = "feature")
public class Feature extends PanacheEntityBase {

    @Id
    public String key;

    @Column(columnDefinition = "text")
    public String description;

    /** boolean, string, number or json */
    @Column(name = "value_type")
    public String valueType;

    /** JSON text of the value served when no rule applies. */
    @Column(name = "default_value", columnDefinition = "text")
    public String defaultValue;

    /** JSON array of rules (text). */
    @Column(columnDefinition = "text")
    public String rules;

    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
