package io.tailor.recommendation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A product of the catalogue. {@code categoryPath} joins the levels with " > ", top level first. */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    public static final String PATH_SEPARATOR = " > ";

    @Id
    public String id;

    public String title;

    @Column(columnDefinition = "text")
    public String description;

    @Column(name = "category_path")
    public String categoryPath;

    public String brand;

    /** JSON object of attribute name to value. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String attributes;

    public BigDecimal price;

    @Column(length = 3)
    public String currency;

    public Integer stock;

    @Column(name = "launch_date")
    public LocalDate launchDate;

    @Column(name = "image_url")
    public String imageUrl;

    public String url;

    public boolean active;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
