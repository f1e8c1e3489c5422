-- segment-service schema, version 2: unique names (case-insensitive), the whole definition in every saved version,
-- and an index to find the profile copies stored since a moment (catching up after loading them into memory).

CREATE UNIQUE INDEX segment_name_unique ON segment (lower(name));

ALTER TABLE segment_version
    ADD COLUMN name       varchar(200),
    ADD COLUMN wake_up    text,
    ADD COLUMN scope      varchar(16),
    ADD COLUMN template   varchar(64),
    ADD COLUMN parameters jsonb;

CREATE INDEX profile_copy_updated_at ON profile_copy (updated_at);
