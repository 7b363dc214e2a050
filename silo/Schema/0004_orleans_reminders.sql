-- 0004 Orleans reminders for Microsoft.Orleans.Reminders.AdoNet 10.4.2 (Invariant "Npgsql").
-- One row per (ServiceId, GrainId, ReminderName). Period is in milliseconds. GrainHash is the grain
-- uniform hash as a signed int, used to split the ring between silos. Version is the ETag: 0 when
-- created, + 1 on every upsert, and a delete must present it.
-- Requires 0001. Idempotent: safe to run any number of times.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Each silo reads the reminders of its ring range by hash.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_serviceid_grainhash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- Statements the reminder provider executes. Every reader returns the columns
-- GrainId, ReminderName, StartTime, Period, Version.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    -- Create or replace a reminder. Returns one row, column Version (the new ETag).
    'UpsertReminderRowKey',
    $sql$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
    SET StartTime = EXCLUDED.StartTime,
        Period = EXCLUDED.Period,
        GrainHash = EXCLUDED.GrainHash,
        Version = r.Version + 1
    RETURNING r.Version AS Version
    $sql$
),
(
    -- All reminders of one grain.
    'ReadReminderRowsKey',
    $sql$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
    $sql$
),
(
    -- One reminder of one grain.
    'ReadReminderRowKey',
    $sql$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName
    $sql$
),
(
    -- Ring range that does not wrap (BeginHash < EndHash as signed ints): BeginHash exclusive,
    -- EndHash inclusive.
    'ReadRangeRows1Key',
    $sql$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash
      AND GrainHash <= @EndHash
    $sql$
),
(
    -- Ring range that wraps around (BeginHash >= EndHash as signed ints): the two ends of the ring.
    'ReadRangeRows2Key',
    $sql$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
    $sql$
),
(
    -- Delete one reminder if its ETag still matches. One column, greater than 0 when deleted.
    'DeleteReminderRowKey',
    $sql$
    WITH deleted AS
    (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId
          AND GrainId = @GrainId
          AND ReminderName = @ReminderName
          AND Version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM deleted
    $sql$
),
(
    -- Delete every reminder of the service (tests and resets).
    'DeleteReminderRowsKey',
    $sql$
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
    $sql$
)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
