using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansDirect.Hosting;
using OrleansDirect.Media;

namespace OrleansDirect.Exports;

/// <summary>Persisted state of <see cref="ExportGrain"/>.</summary>
[GenerateSerializer, Alias("OrleansDirect.Exports.ExportState")]
public sealed class ExportState
{
    [Id(0)] public string? OwnerId { get; set; }

    [Id(1)] public ExportStatus Status { get; set; }

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    [Id(3)] public DateTimeOffset? ExpiresAt { get; set; }

    [Id(4)] public long Size { get; set; }
}

/// <inheritdoc cref="IExportGrain"/>
public sealed partial class ExportGrain(
    [PersistentState("export", StorageNames.Media)] IPersistentState<ExportState> state,
    IBlobStore blobs,
    IOptions<MediaOptions> options,
    TimeProvider clock,
    ILogger<ExportGrain> logger) : Grain, IExportGrain, IRemindable
{
    private const string ExpiryReminder = "export-expiry";
    private readonly ReadTickets _tickets = new(clock, TimeSpan.FromMinutes(30));
    private IGrainTimer? _build;

    private string Id => this.GetPrimaryKeyString();

    private string BlobName => Id + ".zip";

    public async Task<ExportStartResult> StartAsync(string callerId)
    {
        if (string.IsNullOrEmpty(callerId) || !ExportIds.IsWellFormed(Id) || (state.State.OwnerId is { } owner && owner != callerId))
        {
            return new ExportStartResult(null);
        }

        if (state.State.OwnerId is null)
        {
            // Each new export takes one token of the owner's limit: an archive is a full read of their conversations.
            var stance = await GrainFactory.GetGrain<Social.IContactGate>(callerId).GetStanceAsync("", Social.RateCost.Export);
            if (stance.RateLimitedFor is { } wait)
            {
                return new ExportStartResult(null, wait);
            }

            state.State = new ExportState { OwnerId = callerId, Status = ExportStatus.Building, CreatedAt = clock.GetUtcNow() };
            await state.WriteOrDiscardAsync(DeactivateOnIdle);

            // The archive expires even if building never finishes (the reminder is durable).
            await this.RegisterOrUpdateReminder(ExpiryReminder, options.Value.ExportLifetime, options.Value.ExportLifetime);
        }

        EnsureBuilding();
        return new ExportStartResult(View());
    }

    public Task<ExportView?> GetAsync(string callerId)
    {
        if (string.IsNullOrEmpty(callerId) || state.State.OwnerId != callerId)
        {
            return Task.FromResult<ExportView?>(null);
        }

        EnsureBuilding(); // resumes a build a restart interrupted
        return Task.FromResult<ExportView?>(View());
    }

    public Task<string?> OpenAsync(string callerId)
    {
        if (state.State.OwnerId != callerId || string.IsNullOrEmpty(callerId) || state.State.Status != ExportStatus.Ready || state.State.ExpiresAt <= clock.GetUtcNow())
        {
            return Task.FromResult<string?>(null);
        }

        return Task.FromResult<string?>(_tickets.Issue());
    }

    public Task<byte[]?> ReadAsync(string ticket, long offset, int count) =>
        _tickets.IsValid(ticket) ? ReadTickets.ReadChunkAsync(blobs, BlobName, offset, count) : Task.FromResult<byte[]?>(null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        blobs.Delete(BlobName);
        state.State.Status = ExportStatus.Expired;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Runs the build in this activation if one is due (also after a restart interrupted it).</summary>
    private void EnsureBuilding()
    {
        if (state.State.OwnerId is not null && state.State.Status == ExportStatus.Building && _build is null)
        {
            _build = this.RegisterGrainTimer(BuildAsync, new GrainTimerCreationOptions
            {
                DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true,
            });
        }
    }

    private async Task BuildAsync(CancellationToken cancellation)
    {
        try
        {
            await using (var output = blobs.Create(BlobName))
            {
                await new ArchiveWriter(GrainFactory, state.State.OwnerId!).WriteAsync(output, cancellation);
            }

            await using (var built = blobs.OpenRead(BlobName))
            {
                state.State.Size = built?.Length ?? 0;
            }

            state.State.Status = ExportStatus.Ready;
            state.State.ExpiresAt = state.State.CreatedAt + options.Value.ExportLifetime; // when the reminder deletes it
            LogBuilt(logger, Id, state.State.Size);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            blobs.Delete(BlobName);
            state.State.Status = ExportStatus.Failed;
            LogFailed(logger, ex, Id);
        }

        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        _build?.Dispose();
        _build = null;
        try
        {
            await this.GetStreamProvider(Streams.StreamNames.Provider).GetStream<Streams.UserEvent>(Streams.StreamNames.ForUser(state.State.OwnerId!))
                .OnNextAsync(new Streams.ExportFinished(Id, state.State.Status));
        }
        catch (Exception ex)
        {
            LogNotifyFailed(logger, ex, Id); // the owner still sees the status with GET /v1/exports/{id}
        }
    }

    private ExportView View() => new(Id, state.State.Status, state.State.CreatedAt, state.State.ExpiresAt, state.State.Size);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Export {ExportId} built ({Size} bytes)")]
    private static partial void LogBuilt(ILogger logger, string exportId, long size);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Could not announce export {ExportId}")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string exportId);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Export {ExportId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string exportId);
}
