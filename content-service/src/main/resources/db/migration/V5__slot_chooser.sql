-- content-service schema, version 5: a slot's variant may be chosen by an experiment or a bandit (experiment-service).
-- chooser: {"experiment": key, "variations": {variation: variant}} or {"bandit": key}; null = targeting precedence.
ALTER TABLE slot ADD COLUMN chooser jsonb;
