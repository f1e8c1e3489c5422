-- profile-service schema, version 2: consent history, privacy requests and their per-service results, and
-- tombstones of erased identities.

-- Every consent choice, as it arrived: which purpose, granted or not, where it was made.
CREATE TABLE consent_record (
    id          bigserial   PRIMARY KEY,
    profile_id  varchar(36) NOT NULL,
    purpose     varchar(32) NOT NULL,
    granted     boolean     NOT NULL,
    source      varchar(64),
    event_id    uuid,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX consent_record_profile ON consent_record (profile_id, occurred_at);

-- An erasure: requested here, acted on by every service, confirmed on privacy-results.
CREATE TABLE privacy_request (
    id           uuid        PRIMARY KEY,
    kind         varchar(16) NOT NULL,
    profile_id   varchar(36) NOT NULL,
    reason       varchar(64) NOT NULL,
    requested_at timestamptz NOT NULL,
    completed_at timestamptz
);
CREATE INDEX privacy_request_profile ON privacy_request (profile_id);

CREATE TABLE privacy_request_result (
    request_id  uuid         NOT NULL REFERENCES privacy_request (id) ON DELETE CASCADE,
    service     varchar(64)  NOT NULL,
    done        boolean      NOT NULL,
    detail      varchar(500),
    answered_at timestamptz  NOT NULL,
    PRIMARY KEY (request_id, service)
);

-- Identities of erased profiles: events about them that happened before the erasure (still in flight on Kafka)
-- are dropped instead of recreating the profile. Kept for the raw-event retention window, then pruned.
CREATE TABLE erased_identity (
    kind      varchar(16)  NOT NULL,
    value     varchar(128) NOT NULL,
    erased_at timestamptz  NOT NULL,
    PRIMARY KEY (kind, value)
);
