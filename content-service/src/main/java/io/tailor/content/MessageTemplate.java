package io.tailor.content;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message template: a Qute subject and HTML body, rendered with each message's model at delivery. */
@Entity
@Table(name = "message_template")
public class MessageTemplate extends PanacheEntityBase {

    @Id
    public String key;

    public String subject;

    @jakarta.persistence.Column(columnDefinition = "text")
    public String html;

    @jakarta.persistence.Column(name = "updated_at")
    public Instant updatedAt;
}
