namespace OrleansDirect.Gateway.Protocol;

/// <summary>A client frame that cannot be processed; becomes an <c>error</c> frame and leaves the connection open.</summary>
public sealed class FrameException(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;

    public string? Field { get; } = field;

    /// <summary>The request id of the offending frame, when it could be read.</summary>
    public string? ReplyTo { get; init; }
}
