-- content-service schema, version 3: offers with guardrails and the audit log of every offer shown.

-- definition: the JSON object of the offer (kind, discount, products, exclusions, targeting, price reason; see
-- docs/content.md); the window and state are columns too, for listing and for the price-consistency check.
CREATE TABLE offer (
    key        varchar(64)  PRIMARY KEY,
    name       varchar(200) NOT NULL,
    kind       varchar(32)  NOT NULL,
    definition jsonb        NOT NULL,
    starts_at  timestamptz,
    ends_at    timestamptz,
    active     boolean      NOT NULL DEFAULT true,
    updated_at timestamptz  NOT NULL
);

-- one row per offer shown to a shopper (per product when the offer prices products); shopper_id is the customer id
-- when known, else the anonymous id. Also the memory of the price a shopper was shown within an offer window.
CREATE TABLE offer_audit (
    id          uuid          PRIMARY KEY,
    offer_key   varchar(64)   NOT NULL,
    shopper_id  varchar(200)  NOT NULL,
    profile_id  varchar(200),
    product_id  varchar(128),
    base_price  numeric(12,2),
    offer_price numeric(12,2),
    explanation text          NOT NULL,
    matched_rule varchar(1000) NOT NULL,
    shown_at    timestamptz   NOT NULL
);
CREATE INDEX offer_audit_shopper ON offer_audit (shopper_id, offer_key, product_id);
CREATE INDEX offer_audit_profile ON offer_audit (profile_id);
CREATE INDEX offer_audit_offer ON offer_audit (offer_key, shown_at);
