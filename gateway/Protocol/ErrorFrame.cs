namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>error</c>: a request was refused; <c>field</c> names the offending field for <c>invalid_field</c>.</summary>
public sealed record ErrorFrame(string Code, string Message, string? Field = null) : ServerFrame
{
    public override string Type => "error";
}
