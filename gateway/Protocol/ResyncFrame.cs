namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>resync</c>: the gateway lost and regained the cluster; live events may have been missed, so send <c>sync</c>.</summary>
public sealed record ResyncFrame : ServerFrame
{
    public override string Type => "resync";
}
