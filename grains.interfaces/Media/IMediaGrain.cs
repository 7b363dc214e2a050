namespace OrleansDirect.Media;

/// <summary>
/// One uploaded medium (photo, video or voice note). Key: the media id. The uploader streams it in chunks; once it is
/// sent in a conversation, only members who may see that message can read it, through a short-lived read ticket.
/// Its bytes are deleted from storage when its message is unsent, deleted or expires, when a view-once medium has been
/// opened by every recipient or reached its expiry, or when an upload is never sent.
/// </summary>
[Alias("OrleansDirect.Media.IMediaGrain")]
public interface IMediaGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends the next chunk of an upload (the first one decides the kind, and takes one of the caller's uploads from
    /// their rate limit). Only the uploader may.
    /// </summary>
    [Alias("AppendChunk")]
    Task<MediaAppendResult> AppendAsync(string callerId, byte[] chunk);

    /// <summary>Finishes an upload: removes location and camera metadata from photos, and returns the stored medium.</summary>
    [Alias("Complete")]
    Task<MediaResult> CompleteAsync(string callerId);

    /// <summary>Checks that the caller may see the medium now and returns a read ticket (a view-once medium counts as opened).</summary>
    [Alias("Open")]
    Task<MediaOpenResult> OpenAsync(string callerId);

    /// <summary>Reads bytes with a ticket from <see cref="OpenAsync"/>.</summary>
    [Alias("Read")]
    Task<byte[]?> ReadAsync(string ticket, long offset, int count);
}

/// <summary>Kinds of media, detected from the content, never from a file name or a declared type.</summary>
[GenerateSerializer, Alias("OrleansDirect.Media.MediaKind")]
public enum MediaKind
{
    /// <summary>JPEG, PNG, WebP or GIF.</summary>
    Image,

    /// <summary>MP4 or WebM.</summary>
    Video,

    /// <summary>Ogg/Opus or M4A/AAC.</summary>
    Voice,
}

/// <summary>Media call outcomes.</summary>
[GenerateSerializer, Alias("OrleansDirect.Media.MediaStatus")]
public enum MediaStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>No such medium for the caller (never uploaded, someone else's, deleted, or not in a conversation they may read).</summary>
    NotFound,

    /// <summary>The content is not one of the accepted formats.</summary>
    UnsupportedType,

    /// <summary>The upload exceeds the size limit of its kind.</summary>
    TooLarge,

    /// <summary>The upload is empty, already completed, or already sent.</summary>
    InvalidState,

    /// <summary>A view-once medium the caller has already opened.</summary>
    AlreadyViewed,

    /// <summary>The caller's upload limit is used up; nothing was stored.</summary>
    RateLimited,
}

/// <summary>Outcome of <see cref="IMediaGrain.AppendAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="RetryAfter">When <see cref="MediaStatus.RateLimited"/>: how long until an upload may start.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Media.MediaAppendResult")]
public sealed record MediaAppendResult([property: Id(0)] MediaStatus Status, [property: Id(1)] TimeSpan? RetryAfter = null);

/// <summary>A stored medium.</summary>
/// <param name="MediaId">Its id.</param>
/// <param name="Kind">Image, video or voice.</param>
/// <param name="ContentType">The detected MIME type.</param>
/// <param name="Size">Bytes stored (after metadata removal).</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Media.MediaInfo")]
public sealed record MediaInfo([property: Id(0)] string MediaId, [property: Id(1)] MediaKind Kind, [property: Id(2)] string ContentType, [property: Id(3)] long Size);

/// <summary>Outcome of <see cref="IMediaGrain.CompleteAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Media.MediaResult")]
public sealed record MediaResult([property: Id(0)] MediaStatus Status, [property: Id(1)] MediaInfo? Media);

/// <summary>Outcome of <see cref="IMediaGrain.OpenAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Media.MediaOpenResult")]
public sealed record MediaOpenResult([property: Id(0)] MediaStatus Status, [property: Id(1)] MediaInfo? Media, [property: Id(2)] string? Ticket);

/// <summary>Media ids: "m_" and 32 lower-case hex digits.</summary>
public static class MediaIds
{
    /// <summary>A new random media id.</summary>
    public static string New() => "m_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> has the shape of a media id.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 34 } && id.StartsWith("m_", StringComparison.Ordinal) && !id.AsSpan(2).ContainsAnyExcept("0123456789abcdef");
}
