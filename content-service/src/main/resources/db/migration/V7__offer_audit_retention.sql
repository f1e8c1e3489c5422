-- OfferAuditRetention deletes rows older than the retention period in batches: it finds them by shown_at.
CREATE INDEX offer_audit_shown ON offer_audit (shown_at);
