-- recommendation-service schema, version 1: the product catalogue.

CREATE TABLE product (
    id            varchar(128)  PRIMARY KEY,
    title         varchar(300)  NOT NULL,
    description   text,
    category_path varchar(1000) NOT NULL DEFAULT '',
    brand         varchar(200),
    attributes    jsonb         NOT NULL DEFAULT '{}',
    price         numeric(12, 2) NOT NULL CHECK (price >= 0),
    currency      char(3)       NOT NULL,
    stock         integer       CHECK (stock >= 0),
    launch_date   date,
    image_url     varchar(2048),
    url           varchar(2048),
    active        boolean       NOT NULL DEFAULT true,
    updated_at    timestamptz   NOT NULL
);
CREATE INDEX product_category ON product (category_path);
