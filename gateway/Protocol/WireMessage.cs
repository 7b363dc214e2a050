using OrleansDirect.Conversations;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>
/// A message on the wire, as the grains shaped it for this user. <c>request</c> and <c>masked</c> appear only when true.
/// </summary>
public sealed record WireMessage(
    long Seq, string SenderId, string ClientMessageId, string Text, DateTimeOffset SentAt, WireLinkPreview? LinkPreview, bool? Request, bool? Masked,
    WireSystemEvent? Event, long? ReplyToSeq, WireQuote? Quote, IReadOnlyList<WireReaction>? Reactions, IReadOnlyList<WireEdit>? Edits,
    DateTimeOffset? EditedAt, bool? Deleted, DateTimeOffset? ExpiresAt, bool? Expired, WireMedia? Media)
{
    public static WireMessage From(ChatMessage m) =>
        new(m.Seq, m.SenderId, m.ClientMessageId, m.Text, m.SentAt,
            m.LinkPreview is { } p ? new WireLinkPreview(p.Url, p.Title, p.Description) : null,
            m.SentAsRequest ? true : null, m.Masked ? true : null,
            m.Event is { } e ? new WireSystemEvent(WireNames.Of(e.Kind), e.ActorId, e.UserIds, e.Name, e.On,
                e.Mode is { } mode ? WireNames.Of(mode) : null, e.Timer is { } timer ? (long)timer.TotalSeconds : null) : null,
            m.ReplyToSeq,
            m.Quote is { } q ? new WireQuote(q.Seq, q.SenderId, q.Text, q.Unavailable ? true : null) : null,
            m.Reactions?.Select(r => new WireReaction(r.UserId, r.Emoji)).ToList(),
            m.Edits?.Select(x => new WireEdit(x.Text, x.ReplacedAt)).ToList(),
            m.Edits is [.., var last] ? last.ReplacedAt : null,
            m.Deleted ? true : null,
            m.ExpiresAt,
            m.Expired ? true : null,
            m.Media is { } media ? new WireMedia(media.MediaId, WireNames.Of(media.Kind), media.ContentType, media.Size, media.ViewOnce ? true : null) : null);
}

/// <summary>What a reply quotes; <c>unavailable</c> (true) when the original is gone or hidden from the viewer.</summary>
public sealed record WireQuote(long Seq, string? SenderId, string? Text, bool? Unavailable);

/// <summary>An attached medium; fetch its bytes with <c>GET /v1/media/{mediaId}</c>.</summary>
public sealed record WireMedia(string MediaId, string Kind, string ContentType, long Size, bool? ViewOnce);

/// <summary>One member's reaction.</summary>
public sealed record WireReaction(string UserId, string Emoji);

/// <summary>An earlier version of an edited message, and when it was replaced.</summary>
public sealed record WireEdit(string Text, DateTimeOffset ReplacedAt);

/// <summary>What a system message records (group membership and settings changes).</summary>
public sealed record WireSystemEvent(string Kind, string ActorId, IReadOnlyList<string> UserIds, string? Name, bool? On, string? Mode, long? TimerSeconds);

/// <summary>Link preview metadata on the wire.</summary>
public sealed record WireLinkPreview(string Url, string Title, string? Description);
