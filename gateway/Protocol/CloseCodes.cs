namespace OrleansDirect.Gateway.Protocol;

/// <summary>WebSocket close codes the gateway uses (4000-4999 is the application range). Listed in docs/protocol.md.</summary>
public static class CloseCodes
{
    /// <summary>The <c>auth</c> frame carried a token that is unknown, expired or revoked.</summary>
    public const int AuthFailed = 4001;

    /// <summary>No valid <c>auth</c> frame arrived in time.</summary>
    public const int AuthTimeout = 4002;

    /// <summary>The session this connection was opened with was revoked (sign-out, or too many sessions).</summary>
    public const int SessionRevoked = 4003;

    /// <summary>The client read too slowly and its send queue overflowed; reconnect and <c>sync</c>.</summary>
    public const int SendQueueOverflow = 4004;
}
