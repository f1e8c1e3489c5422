-- recommendation-service schema, version 3: product views by session, for the session-based recommenders.
-- Personal data (anonymous and customer ids): erased on request, kept for 30 days at most.

CREATE TABLE session_view (
    session_id   varchar(128) NOT NULL,
    product_id   varchar(64)  NOT NULL,
    viewed_at    timestamptz  NOT NULL,
    anonymous_id varchar(128),
    customer_id  varchar(128),
    event_id     varchar(64)  PRIMARY KEY
);
CREATE INDEX session_view_viewed_at ON session_view (viewed_at);
CREATE INDEX session_view_anonymous ON session_view (anonymous_id);
CREATE INDEX session_view_customer ON session_view (customer_id);
