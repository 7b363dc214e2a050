namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>ready</c>: authentication succeeded.</summary>
public sealed record ReadyFrame(string UserId, string SessionId) : ServerFrame
{
    public override string Type => "ready";
}
