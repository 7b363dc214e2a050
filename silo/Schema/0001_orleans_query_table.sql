-- 0001 OrleansQuery: the catalogue of SQL statements that the Orleans ADO.NET providers
-- (clustering, persistence, reminders) load at start-up and execute by key.
-- The providers run "SELECT QueryKey, QueryText FROM OrleansQuery" and nothing else of their own.
-- Scripts 0002 to 0004 upsert their statements into this table.
-- Idempotent: safe to run any number of times.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);
