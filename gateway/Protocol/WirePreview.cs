namespace OrleansDirect.Gateway.Protocol;

/// <summary>A message preview on the wire.</summary>
public sealed record WirePreview(long Seq, string SenderId, string Text);
