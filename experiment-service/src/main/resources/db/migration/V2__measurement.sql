-- experiment-service schema, version 2: versions, QA forcing, sticky assignment, metrics as configuration,
-- exposures and per-unit metric values, stored results, bandits.

ALTER TABLE experiment ADD COLUMN metrics     text    NOT NULL DEFAULT '[]';
ALTER TABLE experiment ADD COLUMN guardrails  text    NOT NULL DEFAULT '[]';
ALTER TABLE experiment ADD COLUMN forced      jsonb   NOT NULL DEFAULT '{}';
ALTER TABLE experiment ADD COLUMN sticky_days integer CHECK (sticky_days IS NULL OR (sticky_days >= 1 AND sticky_days <= 365));

-- Every saved definition, so results can say which version a shopper saw.
CREATE TABLE experiment_version (
    experiment_key varchar(64) NOT NULL,
    version        integer     NOT NULL,
    definition     text        NOT NULL,
    saved_at       timestamptz NOT NULL,
    PRIMARY KEY (experiment_key, version)
);

-- Metrics are data: what event counts, how it is summarised.
CREATE TABLE metric (
    key                    varchar(64)  PRIMARY KEY,
    name                   varchar(200) NOT NULL,
    kind                   varchar(16)  NOT NULL CHECK (kind IN ('proportion', 'mean', 'ratio')),
    event_type             varchar(32)  NOT NULL,
    value_source           varchar(16)  NOT NULL CHECK (value_source IN ('count', 'revenue', 'units')),
    min_count              integer      NOT NULL DEFAULT 1 CHECK (min_count >= 1),
    window_days            integer      CHECK (window_days IS NULL OR window_days >= 1),
    denominator_event_type varchar(32),
    denominator_source     varchar(16)  CHECK (denominator_source IS NULL OR denominator_source IN ('count', 'revenue', 'units')),
    lower_is_better        boolean      NOT NULL DEFAULT false,
    covariate              varchar(16)  CHECK (covariate IS NULL OR covariate IN ('orders', 'revenue')),
    updated_at             timestamptz  NOT NULL DEFAULT now()
);

INSERT INTO metric (key, name, kind, event_type, value_source, min_count, window_days, denominator_event_type,
                    denominator_source, lower_is_better, covariate) VALUES
    ('conversion_rate', 'Conversion rate', 'proportion', 'order_completed', 'count', 1, NULL, NULL, NULL, false, 'orders'),
    ('revenue_per_visitor', 'Revenue per visitor', 'mean', 'order_completed', 'revenue', 1, NULL, NULL, NULL, false, 'revenue'),
    ('average_order_value', 'Average order value', 'ratio', 'order_completed', 'revenue', 1, NULL, 'order_completed', 'count', false, NULL),
    ('add_to_cart_rate', 'Add-to-cart rate', 'proportion', 'add_to_cart', 'count', 1, NULL, NULL, NULL, false, 'orders'),
    ('repeat_purchase_30d', 'Repeat purchase within 30 days', 'proportion', 'order_completed', 'count', 2, 30, NULL, NULL, false, 'orders'),
    ('email_click_rate', 'E-mail click rate', 'proportion', 'email_clicked', 'count', 1, NULL, NULL, NULL, false, NULL);

-- One row per unit and experiment: the first exposure wins; a unit later seen in another variation is flagged
-- and left out of the analysis. pre_* are the unit's orders and spend before exposure (CUPED covariates).
CREATE TABLE exposure (
    experiment_key  varchar(64)      NOT NULL,
    unit_id         varchar(128)     NOT NULL,
    variation_index integer          NOT NULL,
    variation_key   varchar(64)      NOT NULL,
    profile_id      varchar(64),
    first_at        timestamptz      NOT NULL,
    multiple        boolean          NOT NULL DEFAULT false,
    pre_orders      double precision NOT NULL DEFAULT 0,
    pre_revenue     double precision NOT NULL DEFAULT 0,
    segments        text[]           NOT NULL DEFAULT '{}',
    PRIMARY KEY (experiment_key, unit_id)
);
CREATE INDEX exposure_unit ON exposure (unit_id);
CREATE INDEX exposure_profile ON exposure (profile_id);

-- What each exposed unit did after exposure, per metric of its experiment.
CREATE TABLE unit_metric (
    experiment_key varchar(64)      NOT NULL,
    unit_id        varchar(128)     NOT NULL,
    metric_key     varchar(64)      NOT NULL,
    value          double precision NOT NULL DEFAULT 0,
    denominator    double precision NOT NULL DEFAULT 0,
    events         integer          NOT NULL DEFAULT 0,
    PRIMARY KEY (experiment_key, unit_id, metric_key)
);
CREATE INDEX unit_metric_unit ON unit_metric (unit_id);

-- Shopper event ids already counted (redelivery never counts twice); pruned after a week.
CREATE TABLE processed_event (
    event_id varchar(64) PRIMARY KEY,
    at       timestamptz NOT NULL
);
CREATE INDEX processed_event_at ON processed_event (at);

-- The latest results of each experiment (JSON), recomputed every minute.
CREATE TABLE experiment_result (
    experiment_key varchar(64) PRIMARY KEY,
    computed_at    timestamptz NOT NULL,
    body           text        NOT NULL
);

-- Thompson-sampling bandits over content variants.
CREATE TABLE bandit (
    key             varchar(64)      PRIMARY KEY,
    name            varchar(200)     NOT NULL,
    min_exploration double precision NOT NULL CHECK (min_exploration >= 0 AND min_exploration <= 1),
    status          varchar(16)      NOT NULL CHECK (status IN ('running', 'stopped')),
    updated_at      timestamptz      NOT NULL
);
CREATE TABLE bandit_arm (
    bandit_key varchar(64) NOT NULL REFERENCES bandit (key) ON DELETE CASCADE,
    arm_key    varchar(64) NOT NULL,
    position   integer     NOT NULL,
    trials     bigint      NOT NULL DEFAULT 0,
    successes  bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (bandit_key, arm_key)
);
