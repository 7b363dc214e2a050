namespace OrleansDirect.Gateway.Protocol;

/// <summary>
/// <c>error</c>: a request was refused; <c>field</c> names the offending field for <c>invalid_field</c>, and
/// <c>retryAfterMs</c> says when to retry for <c>rate_limited</c>.
/// </summary>
public sealed record ErrorFrame(string Code, string Message, string? Field = null, long? RetryAfterMs = null) : ServerFrame
{
    public override string Type => "error";
}
