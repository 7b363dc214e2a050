namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>pong</c>: answer to <c>ping</c>.</summary>
public sealed record PongFrame : ServerFrame
{
    public override string Type => "pong";
}
