using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansDirect.Conversations;
using OrleansDirect.Hosting;

namespace OrleansDirect.Media;

/// <summary>What conversations ask of a medium. Silo-internal.</summary>
[Alias("OrleansDirect.Media.IMediaAttachment")]
public interface IMediaAttachment : IGrainWithStringKey
{
    /// <summary>Binds a completed upload of <paramref name="ownerId"/> to a message; null when it is not theirs, not complete or already sent.</summary>
    [Alias("Attach")]
    Task<MediaInfo?> AttachAsync(string ownerId, string conversationId, long seq, bool viewOnce, IReadOnlyList<string> recipientIds);

    /// <summary>Deletes the bytes for good (the message was unsent, deleted or expired).</summary>
    [Alias("Delete")]
    Task DeleteAsync();
}

/// <summary>Persisted state of <see cref="MediaGrain"/>. Bounded: at most one entry per recipient of the message (a group's size).</summary>
[GenerateSerializer, Alias("OrleansDirect.Media.MediaState")]
public sealed class MediaState
{
    [Id(0)] public string? OwnerId { get; set; }

    [Id(1)] public MediaKind Kind { get; set; }

    [Id(2)] public string? ContentType { get; set; }

    [Id(3)] public long Size { get; set; }

    [Id(4)] public bool Completed { get; set; }

    [Id(5)] public string? ConversationId { get; set; }

    [Id(6)] public long Seq { get; set; }

    [Id(7)] public bool ViewOnce { get; set; }

    /// <summary>For view-once: who may open it, and who did.</summary>
    [Id(8)] public List<string> Recipients { get; set; } = [];

    [Id(9)] public List<string> OpenedBy { get; set; } = [];

    [Id(10)] public bool Deleted { get; set; }
}

/// <inheritdoc cref="IMediaGrain"/>
public sealed partial class MediaGrain(
    [PersistentState("media", StorageNames.Media)] IPersistentState<MediaState> state,
    IBlobStore blobs,
    IOptions<MediaOptions> options,
    ILogger<MediaGrain> logger) : Grain, IMediaGrain, IMediaAttachment, IRemindable
{
    private const string ExpiryReminder = "media-expiry";
    private readonly ReadTickets _tickets = new(TimeProvider.System, TimeSpan.FromMinutes(10));

    private string Id => this.GetPrimaryKeyString();

    private string UploadBlob => Id + ".upload";

    public async Task<MediaAppendResult> AppendAsync(string callerId, byte[] chunk)
    {
        var s = state.State;
        if (s.Deleted || string.IsNullOrEmpty(callerId) || (s.OwnerId is not null && s.OwnerId != callerId) || !MediaIds.IsWellFormed(Id))
        {
            return new(MediaStatus.NotFound);
        }

        if (s.Completed || chunk.Length == 0)
        {
            return new(MediaStatus.InvalidState);
        }

        if (s.OwnerId is null)
        {
            // The first chunk decides the kind; the gateway sends at least the sniffing header in it.
            if (MediaSniffer.Detect(chunk.AsSpan(0, Math.Min(chunk.Length, MediaSniffer.HeaderLength))) is not { } detected)
            {
                return new(MediaStatus.UnsupportedType);
            }

            // Each upload takes one token of the uploader's limit; nothing is stored when none is left.
            var stance = await GrainFactory.GetGrain<Social.IContactGate>(callerId).GetStanceAsync("", Social.RateCost.Upload);
            if (stance.RateLimitedFor is { } wait)
            {
                return new(MediaStatus.RateLimited, wait);
            }

            (s.OwnerId, s.Kind, s.ContentType) = (callerId, detected.Kind, detected.ContentType);
            await this.RegisterOrUpdateReminder(ExpiryReminder, options.Value.UnsentLifetime, options.Value.UnsentLifetime);
        }

        if (s.Size + chunk.Length > options.Value.MaxBytes(s.Kind))
        {
            await DeleteAsync();
            return new(MediaStatus.TooLarge);
        }

        await blobs.AppendAsync(UploadBlob, chunk);
        s.Size += chunk.Length;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return new(MediaStatus.Ok);
    }

    public async Task<MediaResult> CompleteAsync(string callerId)
    {
        var s = state.State;
        if (s.Deleted || s.OwnerId != callerId)
        {
            return new MediaResult(MediaStatus.NotFound, null);
        }

        if (s.Completed)
        {
            return new MediaResult(MediaStatus.Ok, Info());
        }

        // Copy without location and camera metadata; only the stripped copy is kept.
        await using (var input = blobs.OpenRead(UploadBlob))
        await using (var output = blobs.Create(Id))
        {
            if (input is null || !await MetadataStripper.CopyAsync(s.ContentType!, input, output))
            {
                await output.DisposeAsync();
                await DeleteAsync();
                return new MediaResult(MediaStatus.UnsupportedType, null);
            }

            s.Size = output.Length;
        }

        blobs.Delete(UploadBlob);
        s.Completed = true;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return new MediaResult(MediaStatus.Ok, Info());
    }

    public async Task<MediaInfo?> AttachAsync(string ownerId, string conversationId, long seq, bool viewOnce, IReadOnlyList<string> recipientIds)
    {
        var s = state.State;
        if (s.Deleted || !s.Completed || s.OwnerId != ownerId || (viewOnce && s.Kind == MediaKind.Voice))
        {
            return null; // view-once is for photos and videos; nothing is bound when refused
        }

        if (s.ConversationId is not null)
        {
            // A retried send of the same message finds its own attachment; anything else is refused.
            return s.ConversationId == conversationId && s.Seq == seq && s.ViewOnce == viewOnce ? Info() : null;
        }

        (s.ConversationId, s.Seq, s.ViewOnce, s.Recipients) = (conversationId, seq, viewOnce, [.. recipientIds]);
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        if (viewOnce)
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, options.Value.ViewOnceLifetime, options.Value.ViewOnceLifetime);
        }
        else if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return Info();
    }

    public async Task<MediaOpenResult> OpenAsync(string callerId)
    {
        var s = state.State;
        if (s.Deleted || !s.Completed || s.ConversationId is null || string.IsNullOrEmpty(callerId))
        {
            return new MediaOpenResult(MediaStatus.NotFound, null, null);
        }

        // The conversation that owns the message decides who may see it now.
        if (!await GrainFactory.GetGrain<IConversationRelations>(s.ConversationId).CanSeeMediaAsync(callerId, s.Seq, Id))
        {
            return new MediaOpenResult(MediaStatus.NotFound, null, null);
        }

        if (s.ViewOnce && callerId != s.OwnerId)
        {
            if (s.OpenedBy.Contains(callerId))
            {
                return new MediaOpenResult(MediaStatus.AlreadyViewed, null, null);
            }

            s.OpenedBy.Add(callerId);
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }
        else if (s.ViewOnce)
        {
            // The sender does not get to replay a view-once medium either.
            return new MediaOpenResult(MediaStatus.AlreadyViewed, null, null);
        }

        return new MediaOpenResult(MediaStatus.Ok, Info(), _tickets.Issue());
    }

    public async Task<byte[]?> ReadAsync(string ticket, long offset, int count)
    {
        if (!_tickets.IsValid(ticket) || state.State.Deleted || await ReadTickets.ReadChunkAsync(blobs, Id, offset, count) is not { } buffer)
        {
            return null;
        }

        var read = buffer.Length;

        // A view-once medium everyone has opened is deleted once its last reader reached the end.
        var s = state.State;
        if (offset + read >= s.Size)
        {
            _tickets.Remove(ticket);
        }

        if (s.ViewOnce && _tickets.Count == 0 && s.Recipients.TrueForAll(s.OpenedBy.Contains))
        {
            await DeleteAsync();
        }

        return buffer;
    }

    public async Task DeleteAsync()
    {
        blobs.Delete(Id);
        blobs.Delete(UploadBlob);
        if (!state.State.Deleted)
        {
            state.State = new MediaState { Deleted = true };
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
            LogDeleted(logger, Id);
        }

        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Fires only for uploads never sent, and for view-once media past their lifetime.
        var s = state.State;
        if (s.ConversationId is null || s.ViewOnce)
        {
            await DeleteAsync();
        }
        else if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private MediaInfo Info() => new(Id, state.State.Kind, state.State.ContentType!, state.State.Size);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Debug, Message = "Medium {MediaId} deleted")]
    private static partial void LogDeleted(ILogger logger, string mediaId);
}
