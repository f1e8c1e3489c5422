-- content-service schema, version 4: triggered-message journeys, message templates, the shoppers' journey state and
-- the message log (see docs/messages.md).

-- definition: the JSON of a journey (trigger, reentry, exit conditions, steps, then); version grows on every save.
CREATE TABLE journey (
    key        varchar(64)  PRIMARY KEY,
    name       varchar(200) NOT NULL,
    definition jsonb        NOT NULL,
    enabled    boolean      NOT NULL,
    version    integer      NOT NULL,
    updated_at timestamptz  NOT NULL
);

-- Qute templates (HTML); rendered with the model of each message at delivery.
CREATE TABLE message_template (
    key        varchar(64)  PRIMARY KEY,
    subject    varchar(300) NOT NULL,
    html       text         NOT NULL,
    updated_at timestamptz  NOT NULL
);

-- a shopper's pass through a journey; at most one active run per journey and profile. due_at: when the next step
-- runs (claimed with FOR UPDATE SKIP LOCKED, so replicas share the work). context: what triggered it (products).
CREATE TABLE journey_run (
    id              uuid         PRIMARY KEY,
    journey_key     varchar(64)  NOT NULL,
    journey_version integer      NOT NULL,
    profile_id      varchar(200) NOT NULL,
    status          varchar(16)  NOT NULL,
    step            integer      NOT NULL,
    due_at          timestamptz  NOT NULL,
    started_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    ended_reason    varchar(500),
    context         jsonb        NOT NULL
);
CREATE UNIQUE INDEX journey_run_active ON journey_run (journey_key, profile_id) WHERE status = 'active';
CREATE INDEX journey_run_due ON journey_run (due_at) WHERE status = 'active';
CREATE INDEX journey_run_profile ON journey_run (profile_id);

-- what journeys need to know of a profile, kept from profile-changes: its customer id, marketing consent, cart.
CREATE TABLE journey_profile (
    profile_id      varchar(200) PRIMARY KEY,
    customer_id     varchar(200),
    marketing_email boolean,
    cart_items      integer      NOT NULL DEFAULT 0,
    last_order_at   timestamptz,
    updated_at      timestamptz  NOT NULL
);
CREATE INDEX journey_profile_customer ON journey_profile (customer_id);

-- where to reach a customer, kept from identify events (the only place Tailor keeps a plain e-mail address).
CREATE TABLE contact (
    customer_id varchar(200) PRIMARY KEY,
    email       varchar(320) NOT NULL,
    time_zone   varchar(64),
    first_name  varchar(100),
    updated_at  timestamptz  NOT NULL
);

-- shoppers who used an unsubscribe link: no marketing e-mail even before profile-service reports the consent change.
CREATE TABLE unsubscribed (
    profile_id varchar(200) PRIMARY KEY,
    at         timestamptz  NOT NULL
);

-- every message a journey decided on: queued, sending, sent, retrying, dead, or suppressed with the reason.
CREATE TABLE message (
    id              uuid         PRIMARY KEY,
    run_id          uuid         NOT NULL,
    journey_key     varchar(64)  NOT NULL,
    step            integer      NOT NULL,
    profile_id      varchar(200) NOT NULL,
    customer_id     varchar(200),
    template_key    varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL,
    reason          varchar(500),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    created_at      timestamptz  NOT NULL,
    sent_at         timestamptz,
    subject         varchar(300),
    body            text,
    payload         jsonb        NOT NULL,
    last_error      varchar(1000)
);
CREATE UNIQUE INDEX message_run_step ON message (run_id, step);
CREATE INDEX message_profile ON message (profile_id, created_at DESC);
CREATE INDEX message_created ON message (created_at DESC);
CREATE INDEX message_retry ON message (next_attempt_at) WHERE status = 'retrying';

-- The templates every store starts with (editable through the API).
INSERT INTO message_template (key, subject, html, updated_at) VALUES
('cart-recovery', 'You left something in your cart',
'<p>Hi {shopper.firstName ?: ''there''},</p>
<p>Your cart is waiting for you:</p>
<ul>{#for p in products}<li><a href="{p.url}">{p.title}</a> £{p.price}</li>{/for}</ul>
<p><a href="{storeUrl}/#/cart">Return to your cart</a></p>
<p style="font-size:small"><a href="{unsubscribeUrl}">Unsubscribe from marketing e-mail</a></p>', now()),
('browse-abandonment', 'Still thinking about it?',
'<p>Hi {shopper.firstName ?: ''there''},</p>
<p>You were looking at these. They are still here:</p>
<ul>{#for p in products}<li><a href="{p.url}">{p.title}</a> £{p.price}</li>{/for}</ul>
<p style="font-size:small"><a href="{unsubscribeUrl}">Unsubscribe from marketing e-mail</a></p>', now()),
('replenishment-reminder', 'Time to restock?',
'<p>Hi {shopper.firstName ?: ''there''},</p>
<p>By our count you may be running low. Reorder in one click:</p>
<ul>{#for p in products}<li><a href="{p.url}">{p.title}</a> £{p.price}</li>{/for}</ul>
<p style="font-size:small"><a href="{unsubscribeUrl}">Unsubscribe from marketing e-mail</a></p>', now()),
('post-purchase', 'Thank you for your order: care tips and what goes with it',
'<p>Hi {shopper.firstName ?: ''there''},</p>
<p>Thank you for your order. A few tips to get the most out of it, and products that go well with it:</p>
<ul>{#for p in products}<li><a href="{p.url}">{p.title}</a> £{p.price}</li>{/for}</ul>
<p style="font-size:small"><a href="{unsubscribeUrl}">Unsubscribe from marketing e-mail</a></p>', now()),
('welcome', 'Welcome to the store',
'<p>Hi {shopper.firstName ?: ''there''}, welcome!</p>
<p>Here is what other shoppers love right now:</p>
<ul>{#for p in products}<li><a href="{p.url}">{p.title}</a> £{p.price}</li>{/for}</ul>
<p style="font-size:small"><a href="{unsubscribeUrl}">Unsubscribe from marketing e-mail</a></p>', now());
