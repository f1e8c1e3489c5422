-- A decision asks the audit log two small questions (OfferHistory): which offers this shopper saw in the window, and
-- the first price each offer showed them per product since the offer changed. With shown_at in the index both are
-- answered from it, in shown_at order, however long the shopper's history is.
DROP INDEX offer_audit_shopper;
CREATE INDEX offer_audit_shopper ON offer_audit (shopper_id, offer_key, product_id, shown_at);
