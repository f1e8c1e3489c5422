package io.tailor.content;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A triggered-message journey (see {@link io.tailor.content.journey.JourneyDefinition}). */
@Entity
@Table(name = "journey")
public class Journey extends PanacheEntityBase {

    @Id
    public String key;

    public String name;

    /** The JSON of a {@link io.tailor.content.journey.JourneyDefinition}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String definition;

    public boolean enabled;

    public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
