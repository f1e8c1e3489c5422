package io.tailor.content;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a slot's content, shown to the shoppers its targeting matches. */
@Entity
@Table(name = "content_variant")
public class ContentVariant extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne
    @JoinColumn(name = "slot_key")
    @JsonIgnore
    public Slot slot;

    public String key;

    public String title;

    @Column(columnDefinition = "text")
    public String body;

    @Column(name = "image_url")
    public String imageUrl;

    @Column(name = "link_url")
    public String linkUrl;

    /** The JSON of a {@link io.tailor.content.model.ProductCollection}, or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String collection;

    @Column(name = "sort_order")
    public String sortOrder;

    /** Higher goes first when several variants match. */
    public int priority;

    /** The JSON of a {@link io.tailor.content.targeting.Targeting}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String targeting;

    @Column(name = "is_default")
    public boolean isDefault;

    public boolean active;
}
