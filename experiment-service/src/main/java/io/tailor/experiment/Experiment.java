package io.tailor.experiment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An experiment or rollout. Variations are JSON (key, name, weight); see {@link io.tailor.experiment.service.ExperimentDefinition}. */
@Entity
@Table(name = "experiment")
public class Experiment extends PanacheEntityBase {

    @Id
    public String key;

    public String name;

    @Column(columnDefinition = "text")
    public String description;

    /** draft, running or stopped */
    public String status;

    /** JSON array of variations (text: Hibernate Reactive reads JSON columns as objects only). */
    @Column(columnDefinition = "text")
    public String variations;

    public double coverage;

    @Column(name = "hash_attribute")
    public String hashAttribute;

    @Column(name = "hash_version")
    public int hashVersion;

    public String seed;

    @Column(name = "namespace_id")
    public String namespaceId;

    @Column(name = "namespace_start")
    public Double namespaceStart;

    @Column(name = "namespace_end")
    public Double namespaceEnd;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String targeting;

    public int version;

    /** JSON array of metric keys (text). */
    @Column(columnDefinition = "text")
    public String metrics;

    /** JSON array of guardrail metric keys (text). */
    @Column(columnDefinition = "text")
    public String guardrails;

    /** JSON object: unit id to forced variation key (QA). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String forced;

    /** Days a unit keeps its variation after weights change; null when assignment is not sticky. */
    @Column(name = "sticky_days")
    public Integer stickyDays;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "stopped_at")
    public Instant stoppedAt;
}
