-- gateway schema, version 1: API keys. Only a SHA-256 hash of each key is stored.

CREATE TABLE api_key (
    id         uuid         PRIMARY KEY,
    name       varchar(100) NOT NULL,
    kind       varchar(10)  NOT NULL CHECK (kind IN ('public', 'secret')),
    key_hash   varchar(64)  NOT NULL UNIQUE,
    origins    text         NOT NULL DEFAULT '*',
    created_at timestamptz  NOT NULL,
    revoked_at timestamptz
);
