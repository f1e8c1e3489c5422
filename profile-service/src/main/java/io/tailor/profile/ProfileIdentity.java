package io.tailor.profile;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An identity (anonymous id, customer id or e-mail hash) and the profile it resolves to. */
@Entity
@Table(name = "profile_identity")
@IdClass(ProfileIdentity.Key.class)
public class ProfileIdentity extends PanacheEntityBase {

    @Id
    public String kind;

    @Id
    public String value;

    @Column(name = "profile_id")
    public String profileId;

    @Column(name = "linked_at")
    public Instant linkedAt;

    /** The composite key (kind, value). */
    public static class Key implements Serializable {
        public String kind;
        public String value;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(kind, k.kind) && Objects.equals(value, k.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, value);
        }
    }
}
