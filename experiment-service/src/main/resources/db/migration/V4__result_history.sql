-- experiment-service schema, version 4: results over time. A point per metric and variation, kept at most every
-- experiment.results-history-interval (15 minutes) by the recomputation job, for plots of a metric over time.
CREATE TABLE experiment_result_point (
    experiment_key varchar(64)      NOT NULL,
    computed_at    timestamptz      NOT NULL,
    metric         varchar(64)      NOT NULL,
    variation      varchar(64)      NOT NULL,
    units          bigint           NOT NULL,
    value          double precision NOT NULL,
    relative_lift  double precision,
    ci_low         double precision,
    ci_high        double precision,
    chance_to_beat double precision,
    PRIMARY KEY (experiment_key, metric, variation, computed_at)
);
