-- recommendation-service schema, version 4: the order log behind the co-purchase and similar-shopper models, and
-- placements as data. order_line is personal data (anonymous and customer ids): erased on request, kept for
-- recommendation.interactions.order-window (365 days by default).

CREATE TABLE order_line (
    order_key    varchar(200) NOT NULL,
    product_id   varchar(64)  NOT NULL,
    quantity     integer      NOT NULL,
    ordered_at   timestamptz  NOT NULL,
    anonymous_id varchar(128),
    customer_id  varchar(128),
    PRIMARY KEY (order_key, product_id)
);
CREATE INDEX order_line_ordered_at ON order_line (ordered_at);
CREATE INDEX order_line_anonymous ON order_line (anonymous_id);
CREATE INDEX order_line_customer ON order_line (customer_id);

CREATE TABLE placement (
    placement_key varchar(64)  PRIMARY KEY,
    definition    jsonb        NOT NULL,
    updated_at    timestamptz  NOT NULL
);
