-- experiment-service schema, version 3: features (settings rolled out by rules) and their saved versions.

CREATE TABLE feature (
    key           varchar(64)  PRIMARY KEY,
    description   text,
    value_type    varchar(16)  NOT NULL CHECK (value_type IN ('boolean', 'string', 'number', 'json')),
    -- JSON text of the value served when no rule applies
    default_value text         NOT NULL,
    -- JSON array of rules, evaluated in order (text: Hibernate Reactive reads JSON columns as objects only)
    rules         text         NOT NULL DEFAULT '[]',
    version       integer      NOT NULL,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);

CREATE TABLE feature_version (
    feature_key varchar(64) NOT NULL REFERENCES feature (key) ON DELETE CASCADE,
    version     integer     NOT NULL,
    definition  text        NOT NULL,
    saved_at    timestamptz NOT NULL,
    PRIMARY KEY (feature_key, version)
);
