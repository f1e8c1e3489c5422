-- segment-service schema, version 1: segments (rules in CEL) with their history, and this service's own copy of
-- each profile (from profile-changes) for previews and time-based re-evaluation.

CREATE TABLE segment (
    key         varchar(64)  PRIMARY KEY,
    name        varchar(200) NOT NULL,
    description text,
    rule        text         NOT NULL,
    wake_up     text,
    scope       varchar(16)  NOT NULL CHECK (scope IN ('profile', 'request')),
    template    varchar(64),
    parameters  jsonb        NOT NULL DEFAULT '{}',
    enabled     boolean      NOT NULL DEFAULT true,
    version     integer      NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);

-- Every saved version of every segment's rule.
CREATE TABLE segment_version (
    segment_key varchar(64)  NOT NULL,
    version     integer      NOT NULL,
    rule        text         NOT NULL,
    enabled     boolean      NOT NULL,
    saved_at    timestamptz  NOT NULL,
    PRIMARY KEY (segment_key, version)
);

CREATE TABLE profile_copy (
    profile_id varchar(36) PRIMARY KEY,
    version    bigint      NOT NULL,
    snapshot   jsonb       NOT NULL,
    updated_at timestamptz NOT NULL
);
