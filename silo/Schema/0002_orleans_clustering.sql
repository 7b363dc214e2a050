-- 0002 Orleans cluster membership for Microsoft.Orleans.Clustering.AdoNet 10.4.2 (Invariant "Npgsql"),
-- used by silos (membership table) and by clients (gateway list).
-- Tables: one version row per cluster (DeploymentId = ClusterOptions.ClusterId) and one row per silo
-- incarnation. Every membership change (insert or update of a silo row) must present the current
-- version and bumps it by one. Heartbeats and cleanup do not touch the version.
-- Status values are Orleans SiloStatus numbers, 3 = Active and 6 = Dead.
-- Requires 0001. Idempotent: safe to run any number of times.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    -- Gateway port, 0 when the silo has no gateway. The provider reads it as a non-null int.
    ProxyPort    integer        NOT NULL DEFAULT 0,
    -- Suspicion votes as written by the provider, pipe-separated "silo,time" pairs.
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Adds a silo row if the caller still holds the current cluster version, then bumps the version.
-- Returns 1 on success, 0 when the version is stale or the silo row already exists (nothing changed).
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    -- Lock the version row, but only if the version is the one the caller read.
    -- A concurrent writer that committed first has changed it, so this finds nothing.
    PERFORM 1
    FROM OrleansMembershipVersionTable
    WHERE DeploymentId = p_deployment_id
      AND Version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
         SuspectTimes, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
         COALESCE(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1,
        Timestamp = now()
    WHERE DeploymentId = p_deployment_id;
    RETURN 1;
END
$fn$;

-- Changes a silo row (status, suspicion votes, liveness) if the caller still holds the current
-- cluster version, then bumps the version. IAmAliveTime never moves backwards, so an update built
-- from a row read before the latest heartbeat keeps the newer heartbeat.
-- Returns 1 on success, 0 when the version is stale or the silo row does not exist (nothing changed).
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable
    WHERE DeploymentId = p_deployment_id
      AND Version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable
    SET Status = p_status,
        SuspectTimes = p_suspect_times,
        IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive_time)
    WHERE DeploymentId = p_deployment_id
      AND Address = p_address
      AND Port = p_port
      AND Generation = p_generation;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1,
        Timestamp = now()
    WHERE DeploymentId = p_deployment_id;
    RETURN 1;
END
$fn$;

-- Statements the clustering provider executes. Parameter names, result column names and result
-- shapes are the provider contract, the SQL behind them is ours.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    -- Silo start: make sure the cluster has its version row. One column, greater than 0 when created.
    'InsertMembershipVersionKey',
    $sql$
    WITH created AS
    (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM created
    $sql$
),
(
    -- A silo joins. One column, greater than 0 on success.
    'InsertMembershipKey',
    $sql$
    SELECT orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS row_count
    $sql$
),
(
    -- Status change or suspicion vote. One column, greater than 0 on success.
    'UpdateMembershipKey',
    $sql$
    SELECT orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version) AS row_count
    $sql$
),
(
    -- Heartbeat: a single primary-key update, no version change, never moves backwards.
    'UpdateIAmAlivetimeKey',
    $sql$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation
    $sql$
),
(
    -- One silo row plus the cluster version. The version row comes back even when the silo row is
    -- missing (silo columns then NULL), which is how the provider learns the version.
    'MembershipReadRowKey',
    $sql$
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable AS v
    LEFT JOIN OrleansMembershipTable AS m
        ON  m.DeploymentId = v.DeploymentId
        AND m.Address = @Address
        AND m.Port = @Port
        AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId
    $sql$
),
(
    -- The whole cluster, in the same shape as MembershipReadRowKey.
    'MembershipReadAllKey',
    $sql$
    SELECT
        v.DeploymentId,
        m.Address,
        m.Port,
        m.Generation,
        m.SiloName,
        m.HostName,
        m.Status,
        m.ProxyPort,
        m.SuspectTimes,
        m.StartTime,
        m.IAmAliveTime,
        v.Version
    FROM OrleansMembershipVersionTable AS v
    LEFT JOIN OrleansMembershipTable AS m
        ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId
    $sql$
),
(
    -- Gateway list for clients (called with Status = 3, Active): silos that expose a gateway port.
    'GatewaysQueryKey',
    $sql$
    SELECT
        Address,
        ProxyPort,
        Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = @Status
      AND ProxyPort > 0
    $sql$
),
(
    -- Removes a whole cluster (tests and resets): silo rows first, then the version row.
    'DeleteMembershipTableEntriesKey',
    $sql$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
    $sql$
),
(
    -- Required key. Set-based cleanup of Dead silos whose start and last heartbeat are both older
    -- than the cutoff (passed as IAmAliveTime) and that carry no suspicion votes. The 10.4.2 provider
    -- only runs this when CleanupDefunctSiloEntryKey below is absent.
    'CleanupDefunctSiloEntriesKey',
    $sql$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = 6
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = ''
    $sql$
),
(
    -- Optional key, used by the 10.4.2 provider when present. It reads the membership, picks Dead
    -- rows older than the cutoff with no recent votes, and deletes each one only if the row still
    -- holds exactly the values it read. No version change.
    'CleanupDefunctSiloEntryKey',
    $sql$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation
      AND Status = 6
      AND StartTime = @StartTime
      AND IAmAliveTime = @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '')
    $sql$
)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
