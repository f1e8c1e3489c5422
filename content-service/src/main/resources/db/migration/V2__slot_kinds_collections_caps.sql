-- content-service schema, version 2: slot kinds and frequency caps, product collections and sort orders of variants.

-- kind: home_hero, home_blocks, popup, landing_hero, category_banner, checkout_message, cart_message or custom.
ALTER TABLE slot ADD COLUMN kind varchar(32) NOT NULL DEFAULT 'custom';
-- frequency_cap: JSON object {perSession, maxShows, windowDays, dismissDays}, or null for no cap.
ALTER TABLE slot ADD COLUMN frequency_cap jsonb;

-- collection: JSON object {productIds: [...]} or {category: "..."}, or null.
ALTER TABLE content_variant ADD COLUMN collection jsonb;
-- sort_order: how the collection is ordered (new_first, top_rated, best_selling, price_asc, price_desc, recommended).
ALTER TABLE content_variant ADD COLUMN sort_order varchar(32);
