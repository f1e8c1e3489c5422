-- segment-service schema, version 3. The profile copies are stored as json, not jsonb: each is written whole and
-- read whole as text (nothing queries inside it), and jsonb cost PostgreSQL a parse into its binary form on every
-- profile change and a conversion back to text on every read. json keeps the text as written, after checking that
-- it is valid JSON.
--
-- Changing the type rewrites the table under an exclusive lock (seconds per million profiles); on a large
-- installation run it in a maintenance window.

ALTER TABLE profile_copy ALTER COLUMN snapshot TYPE json USING snapshot::json;
