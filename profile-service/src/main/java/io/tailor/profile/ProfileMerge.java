package io.tailor.profile;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A recorded identity-stitching merge: {@code mergedId} was folded into {@code survivorId}. */
@Entity
@Table(name = "profile_merge")
public class ProfileMerge extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "survivor_id")
    public String survivorId;

    @Column(name = "merged_id")
    public String mergedId;

    public String reason;

    @Column(name = "cause_event_id")
    public UUID causeEventId;

    @Column(name = "merged_at")
    public Instant mergedAt;
}
