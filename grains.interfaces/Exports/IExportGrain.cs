namespace OrleansDirect.Exports;

/// <summary>
/// One "download your data" archive. Key: the export id. Built in the background from what the owner may see now
/// (purged, unsent, deleted-for-me and expired content never appears; view-once media are left out), kept in the blob
/// store, readable only by its owner until it expires, then deleted.
/// </summary>
[Alias("OrleansDirect.Exports.IExportGrain")]
public interface IExportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts building an archive for the caller (taking one export from their rate limit); returns its state, or how
    /// long until they may start one. Starting the same export again returns the same.
    /// </summary>
    [Alias("StartExport")]
    Task<ExportStartResult> StartAsync(string callerId);

    /// <summary>The archive's state; null for anyone but its owner. Answers while a build runs.</summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("Get")]
    Task<ExportView?> GetAsync(string callerId);

    /// <summary>A read ticket for a ready archive; null for anyone but its owner, or when it is not ready or expired.</summary>
    [Alias("Open")]
    Task<string?> OpenAsync(string callerId);

    /// <summary>Reads bytes with a ticket from <see cref="OpenAsync"/>.</summary>
    [Alias("Read")]
    Task<byte[]?> ReadAsync(string ticket, long offset, int count);
}

/// <summary>Where an export stands.</summary>
[GenerateSerializer, Alias("OrleansDirect.Exports.ExportStatus")]
public enum ExportStatus
{
    /// <summary>Being built.</summary>
    Building,

    /// <summary>Ready to download until it expires.</summary>
    Ready,

    /// <summary>Building failed; start a new export.</summary>
    Failed,

    /// <summary>Expired and deleted.</summary>
    Expired,
}

/// <summary>An export as its owner sees it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Exports.ExportView")]
public sealed record ExportView(
    [property: Id(0)] string ExportId,
    [property: Id(1)] ExportStatus Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] long Size);

/// <summary>Export ids: "x_" and 32 lower-case hex digits.</summary>
public static class ExportIds
{
    /// <summary>A new random export id.</summary>
    public static string New() => "x_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> has the shape of an export id.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 34 } && id.StartsWith("x_", StringComparison.Ordinal) && !id.AsSpan(2).ContainsAnyExcept("0123456789abcdef");
}

/// <summary>Outcome of <see cref="IExportGrain.StartAsync"/>.</summary>
/// <param name="View">The export's state; null when refused (not the caller's, malformed id, or rate limited).</param>
/// <param name="RetryAfter">Set when the caller's export limit is used up: how long until they may start one.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Exports.ExportStartResult")]
public sealed record ExportStartResult([property: Id(0)] ExportView? View, [property: Id(1)] TimeSpan? RetryAfter = null);
