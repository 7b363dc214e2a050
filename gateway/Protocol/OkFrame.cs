namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>ok</c>: a request that returns nothing succeeded (sent only when the request had an <c>id</c>).</summary>
public sealed record OkFrame : ServerFrame
{
    public override string Type => "ok";
}
