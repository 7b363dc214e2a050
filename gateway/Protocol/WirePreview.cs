namespace OrleansDirect.Gateway.Protocol;

/// <summary>A message preview on the wire; <c>masked</c> and <c>deleted</c> appear only when true (the text is then empty).</summary>
public sealed record WirePreview(long Seq, string SenderId, string Text, bool? Masked, bool? Deleted);
