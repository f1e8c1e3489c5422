package io.tailor.segment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A group of shoppers defined by a CEL rule. Profile segments are evaluated on every profile change and kept in
 * Redis; request segments are evaluated per decision against the page context.
 */
@Entity
@Table(name = "segment")
public class Segment extends PanacheEntityBase {

    @Id
    public String key;

    public String name;

    @Column(columnDefinition = "text")
    public String description;

    /** A CEL expression returning bool, type-checked against the declared schema (docs/segments.md). */
    @Column(columnDefinition = "text")
    public String rule;

    /**
     * For rules that depend on time: a CEL expression giving the instant (or a list of instants) after which a
     * profile may have entered or left, so it is re-evaluated then without scanning everyone.
     */
    @Column(name = "wake_up", columnDefinition = "text")
    public String wakeUp;

    /** profile or request */
    public String scope;

    /** The template the rule came from, if any. */
    public String template;

    /** The template's parameters, as a JSON object. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String parameters;

    public boolean enabled;

    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
