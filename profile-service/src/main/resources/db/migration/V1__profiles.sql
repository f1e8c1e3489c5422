-- profile-service schema, version 1: profiles, the identities they are known by, merges, processed events.

CREATE TABLE profile (
    id          varchar(36)  PRIMARY KEY,
    version     bigint       NOT NULL,
    customer_id varchar(128) UNIQUE,
    email_hash  varchar(64),
    state       jsonb        NOT NULL,
    first_seen  timestamptz,
    last_seen   timestamptz,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);
CREATE INDEX profile_last_seen ON profile (last_seen);

-- Every identity resolves to exactly one profile; a merged-away profile's identities point at the survivor.
CREATE TABLE profile_identity (
    kind       varchar(16)  NOT NULL,
    value      varchar(128) NOT NULL,
    profile_id varchar(36)  NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    linked_at  timestamptz  NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE INDEX profile_identity_profile ON profile_identity (profile_id);

-- Identity stitching history: which profile was folded into which, when and why.
CREATE TABLE profile_merge (
    id             bigserial   PRIMARY KEY,
    survivor_id    varchar(36) NOT NULL,
    merged_id      varchar(36) NOT NULL,
    reason         varchar(32) NOT NULL,
    cause_event_id uuid,
    merged_at      timestamptz NOT NULL
);
CREATE INDEX profile_merge_survivor ON profile_merge (survivor_id);
CREATE INDEX profile_merge_merged ON profile_merge (merged_id);

-- Event ids already applied: a redelivered or repeated event changes nothing. Pruned after the retention window.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL
);
CREATE INDEX processed_event_at ON processed_event (processed_at);
