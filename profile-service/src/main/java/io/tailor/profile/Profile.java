package io.tailor.profile;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One shopper's profile row. {@code state} holds the JSON of {@link io.tailor.profile.domain.ProfileState}; the
 * event pipeline writes rows with set-based SQL ({@link io.tailor.profile.repository.ProfileStore}), the API reads
 * and erases them through this entity.
 */
@Entity
@Table(name = "profile")
public class Profile extends PanacheEntityBase {

    @Id
    public String id;

    public long version;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "email_hash")
    public String emailHash;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "json")
    public String state;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
