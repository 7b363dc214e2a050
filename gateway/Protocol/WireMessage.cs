using OrleansDirect.Conversations;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>
/// A message on the wire, as the grains shaped it for this user. <c>request</c> and <c>masked</c> appear only when true.
/// </summary>
public sealed record WireMessage(
    long Seq, string SenderId, string ClientMessageId, string Text, DateTimeOffset SentAt, WireLinkPreview? LinkPreview, bool? Request, bool? Masked,
    WireSystemEvent? Event)
{
    public static WireMessage From(ChatMessage m) =>
        new(m.Seq, m.SenderId, m.ClientMessageId, m.Text, m.SentAt,
            m.LinkPreview is { } p ? new WireLinkPreview(p.Url, p.Title, p.Description) : null,
            m.SentAsRequest ? true : null, m.Masked ? true : null,
            m.Event is { } e ? new WireSystemEvent(WireNames.Of(e.Kind), e.ActorId, e.UserIds, e.Name, e.On) : null);
}

/// <summary>What a system message records (group membership and settings changes).</summary>
public sealed record WireSystemEvent(string Kind, string ActorId, IReadOnlyList<string> UserIds, string? Name, bool? On);

/// <summary>Link preview metadata on the wire.</summary>
public sealed record WireLinkPreview(string Url, string Title, string? Description);
