-- experiment-service schema, version 1: experiments and their variations.

CREATE TABLE experiment (
    key             varchar(64)      PRIMARY KEY,
    name            varchar(200)     NOT NULL,
    description     text,
    status          varchar(16)      NOT NULL CHECK (status IN ('draft', 'running', 'stopped')),
    variations      text             NOT NULL,
    coverage        double precision NOT NULL CHECK (coverage >= 0 AND coverage <= 1),
    hash_attribute  varchar(32)      NOT NULL,
    hash_version    integer          NOT NULL CHECK (hash_version IN (1, 2)),
    seed            varchar(128)     NOT NULL,
    namespace_id    varchar(64),
    namespace_start double precision,
    namespace_end   double precision,
    targeting       jsonb            NOT NULL DEFAULT '{}',
    version         integer          NOT NULL,
    created_at      timestamptz      NOT NULL,
    updated_at      timestamptz      NOT NULL,
    started_at      timestamptz,
    stopped_at      timestamptz
);
