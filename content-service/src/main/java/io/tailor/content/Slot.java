package io.tailor.content;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A place on a page that shows content, e.g. home_hero. */
@Entity
@Table(name = "slot")
public class Slot extends PanacheEntityBase {

    @Id
    public String key;

    public String name;

    @Column(columnDefinition = "text")
    public String description;

    /** A {@link io.tailor.content.model.SlotKind} wire name, e.g. home_hero. */
    public String kind;

    /** The JSON of a {@link io.tailor.content.model.FrequencyCap}, or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "frequency_cap", columnDefinition = "jsonb")
    public String frequencyCap;

    /** The JSON of a {@link io.tailor.content.model.VariantChooser}, or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String chooser;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @OneToMany(mappedBy = "slot", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("priority desc")
    public List<ContentVariant> variants = new ArrayList<>();
}
