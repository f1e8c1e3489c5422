-- recommendation-service schema, version 2: currency as varchar(3) (char(3) pads, and the entity maps a string).
ALTER TABLE product ALTER COLUMN currency TYPE varchar(3);
