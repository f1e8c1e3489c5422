-- gateway schema, version 2: keys are listed by a short prefix (the rest is never shown again), and a rotated key
-- stays valid until its revoked_at (the grace period).
ALTER TABLE api_key ADD COLUMN key_prefix varchar(16) NOT NULL DEFAULT '';
