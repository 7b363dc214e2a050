-- 0003 Orleans grain state for Microsoft.Orleans.Persistence.AdoNet 10.4.2 (Invariant "Npgsql"),
-- shared by every AdoNet grain storage provider of the service (PubSubStore included).
-- One row per grain state, identified by the grain id hash and parts, the state name
-- (graintypestring), the string key or key extension, and the ServiceId.
-- Optimistic concurrency: version is the ETag. A write or clear must present the current version
-- and gets version + 1 back. A stale ETag changes nothing, and the provider turns the returned
-- value into InconsistentStateException.
-- Requires 0001. Idempotent: safe to run any number of times.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    grainidhash            integer                     NOT NULL,
    grainidn0              bigint                      NOT NULL,
    grainidn1              bigint                      NOT NULL,
    graintypehash          integer                     NOT NULL,
    graintypestring        varchar(512)                NOT NULL,
    grainidextensionstring varchar(512)                NULL,
    serviceid              varchar(150)                NOT NULL,
    payloadbinary          bytea                       NULL,
    modifiedon             timestamp without time zone NOT NULL,
    version                integer                     NULL
);

CREATE INDEX IF NOT EXISTS ix_orleansstorage
    ON OrleansStorage (grainidhash, graintypehash);

-- Writes one grain state and returns the new version.
-- Known version: update only that version. Success returns version + 1. A stale version returns
-- the version passed in unchanged, which the provider reads as a conflict.
-- No version (state never read or never written): insert version 1, unless a row already exists,
-- then return NULL (a conflict). A transaction-scoped advisory lock on the two hashes serialises
-- concurrent first writes of the same grain, so two activations in a split cluster cannot both
-- insert.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash             integer,
    p_grain_id_n0               bigint,
    p_grain_id_n1               bigint,
    p_grain_type_hash           integer,
    p_grain_type_string         text,
    p_grain_id_extension_string text,
    p_service_id                text,
    p_grain_state_version       integer,
    p_payload_binary            bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new_version integer;
BEGIN
    IF p_grain_state_version IS NOT NULL THEN
        UPDATE OrleansStorage AS s
        SET payloadbinary = p_payload_binary,
            modifiedon = now() AT TIME ZONE 'UTC',
            version = s.version + 1
        WHERE s.grainidhash = p_grain_id_hash
          AND s.graintypehash = p_grain_type_hash
          AND s.grainidn0 = p_grain_id_n0
          AND s.grainidn1 = p_grain_id_n1
          AND s.graintypestring = p_grain_type_string
          AND s.grainidextensionstring IS NOT DISTINCT FROM p_grain_id_extension_string
          AND s.serviceid = p_service_id
          AND s.version = p_grain_state_version
        RETURNING s.version INTO v_new_version;
        RETURN COALESCE(v_new_version, p_grain_state_version);
    END IF;

    PERFORM pg_advisory_xact_lock(p_grain_id_hash, p_grain_type_hash);

    IF EXISTS (
        SELECT 1
        FROM OrleansStorage AS s
        WHERE s.grainidhash = p_grain_id_hash
          AND s.graintypehash = p_grain_type_hash
          AND s.grainidn0 = p_grain_id_n0
          AND s.grainidn1 = p_grain_id_n1
          AND s.graintypestring = p_grain_type_string
          AND s.grainidextensionstring IS NOT DISTINCT FROM p_grain_id_extension_string
          AND s.serviceid = p_service_id)
    THEN
        RETURN NULL;
    END IF;

    INSERT INTO OrleansStorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
         grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
    VALUES
        (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type_string,
         p_grain_id_extension_string, p_service_id, p_payload_binary, now() AT TIME ZONE 'UTC', 1);
    RETURN 1;
END
$fn$;

-- Statements the grain storage provider executes. It binds the same seven identity parameters
-- (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
-- ServiceId) to each, plus GrainStateVersion and PayloadBinary where noted.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    -- Identity + GrainStateVersion + PayloadBinary. Returns one row, column NewGrainStateVersion.
    'WriteToStorageKey',
    $sql$
    SELECT orleans_storage_write(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion
    $sql$
),
(
    -- Identity only. Zero rows (never written) or one row: PayloadBinary (NULL after a clear),
    -- the current UTC time, Version (the ETag).
    'ReadFromStorageKey',
    $sql$
    SELECT
        s.payloadbinary AS PayloadBinary,
        now() AT TIME ZONE 'UTC' AS ReadOn,
        s.version AS Version
    FROM OrleansStorage AS s
    WHERE s.grainidhash = @GrainIdHash
      AND s.graintypehash = @GrainTypeHash
      AND s.grainidn0 = @GrainIdN0
      AND s.grainidn1 = @GrainIdN1
      AND s.graintypestring = @GrainTypeString
      AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.serviceid = @ServiceId
    $sql$
),
(
    -- Identity + GrainStateVersion. Keeps the row, drops the payload, bumps the version.
    -- One row with the new version, or no row when the version is stale (a conflict).
    'ClearStorageKey',
    $sql$
    UPDATE OrleansStorage AS s
    SET payloadbinary = NULL,
        modifiedon = now() AT TIME ZONE 'UTC',
        version = s.version + 1
    WHERE s.grainidhash = @GrainIdHash
      AND s.graintypehash = @GrainTypeHash
      AND s.grainidn0 = @GrainIdN0
      AND s.grainidn1 = @GrainIdN1
      AND s.graintypestring = @GrainTypeString
      AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.serviceid = @ServiceId
      AND s.version = @GrainStateVersion
    RETURNING s.version AS NewGrainStateVersion
    $sql$
),
(
    -- Only used with DeleteStateOnClear = true. Identity + GrainStateVersion. Removes the row.
    -- One row (old version + 1), or no row when the version is stale (a conflict).
    'DeleteStorageKey',
    $sql$
    DELETE FROM OrleansStorage AS s
    WHERE s.grainidhash = @GrainIdHash
      AND s.graintypehash = @GrainTypeHash
      AND s.grainidn0 = @GrainIdN0
      AND s.grainidn1 = @GrainIdN1
      AND s.graintypestring = @GrainTypeString
      AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.serviceid = @ServiceId
      AND s.version = @GrainStateVersion
    RETURNING s.version + 1 AS NewGrainStateVersion
    $sql$
)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
