-- profile-service schema, version 3. The event pipeline and the read side load a profile's most recently linked
-- identities of each kind, not all of them (a shared login can link thousands of browsers). This index serves that
-- read, and, through its leading column, every lookup by profile_id the old index served.
--
-- Building it blocks writes to profile_identity for as long as the build takes (seconds per million rows). On a large
-- table, build it beforehand without blocking, and this migration then finds it in place:
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS profile_identity_recent ON profile_identity (profile_id, kind, linked_at DESC);
CREATE INDEX IF NOT EXISTS profile_identity_recent ON profile_identity (profile_id, kind, linked_at DESC);
DROP INDEX IF EXISTS profile_identity_profile;
