namespace OrleansDirect.Gateway.Options;

/// <summary>WebSocket limits and timings (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Largest client frame accepted, in bytes; larger frames are discarded with <c>frame_too_large</c>.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>Frames queued for one connection before it is closed with 4004.</summary>
    public int SendQueueCapacity { get; set; } = 512;

    /// <summary>Time a new connection has to send a valid <c>auth</c> frame.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most messages one <c>sync</c> replays before answering <c>sync_done</c> with <c>complete: false</c>.</summary>
    public int MaxSyncMessages { get; set; } = 1000;

    /// <summary>Largest HTTP media upload this gateway accepts (the silos' per-kind limits apply within it).</summary>
    public long MaxUploadBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>After a send-queue overflow, how long the close frame may wait behind a stalled write before the socket is aborted.</summary>
    public TimeSpan OverflowCloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of WebSocket-level keep-alive pings.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
}
