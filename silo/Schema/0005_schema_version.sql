-- 0005 orleansdirect_schema_version: our own record of applied schema scripts, one row per script
-- (version = the NNNN file-name prefix, name = the file name without .sql). The migrator in
-- SchemaMigrator.cs writes the rows after each script, this script only creates the table.
-- Idempotent: safe to run any number of times.

CREATE TABLE IF NOT EXISTS orleansdirect_schema_version
(
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
