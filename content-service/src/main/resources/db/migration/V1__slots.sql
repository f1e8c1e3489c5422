-- content-service schema, version 1: slots on pages and the content variants that can fill them.

CREATE TABLE slot (
    key         varchar(64)  PRIMARY KEY,
    name        varchar(200) NOT NULL,
    description text,
    updated_at  timestamptz  NOT NULL
);

-- targeting: JSON object of conditions that must all hold (see docs/content.md); {} matches everyone.
CREATE TABLE content_variant (
    id         uuid          PRIMARY KEY,
    slot_key   varchar(64)   NOT NULL REFERENCES slot (key) ON DELETE CASCADE,
    key        varchar(64)   NOT NULL,
    title      varchar(300),
    body       text,
    image_url  varchar(2048),
    link_url   varchar(2048),
    priority   integer       NOT NULL DEFAULT 0,
    targeting  jsonb         NOT NULL DEFAULT '{}',
    is_default boolean       NOT NULL DEFAULT false,
    active     boolean       NOT NULL DEFAULT true,
    UNIQUE (slot_key, key)
);
CREATE INDEX content_variant_slot ON content_variant (slot_key);
