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

/** A place on a page that shows content, e.g. home_hero. */
@Entity
@Table(name = "slot")
public class Slot extends PanacheEntityBase {

    @Id
    public String key;

    public String name;

    @Column(columnDefinition = "text")
    public String description;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @OneToMany(mappedBy = "slot", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("priority desc")
    public List<ContentVariant> variants = new ArrayList<>();
}
