using OrleansDirect.Conversations;

namespace OrleansDirect.Streams;

/// <summary>A member read up to <paramref name="Seq"/> (sent only where receipt settings allow it).</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="UserId">Who read.</param>
/// <param name="Seq">Every message up to this sequence number is read.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.ReadMarkerChanged")]
public sealed record ReadMarkerChanged([property: Id(0)] string ConversationId, [property: Id(1)] string UserId, [property: Id(2)] long Seq) : UserEvent;

/// <summary>A member started or stopped typing (sent only where receipt settings allow it; never in requests).</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.TypingChanged")]
public sealed record TypingChanged([property: Id(0)] string ConversationId, [property: Id(1)] string UserId, [property: Id(2)] bool Active) : UserEvent;

/// <summary>The recipient's own view of a conversation changed: accepted, moved between folders, muted or unmuted.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.ConversationUpdated")]
public sealed record ConversationUpdated([property: Id(0)] ConversationView Conversation) : UserEvent;

/// <summary>The conversation left the recipient's lists (they declined its request).</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.ConversationRemoved")]
public sealed record ConversationRemoved([property: Id(0)] string ConversationId) : UserEvent;

/// <summary>A message changed (unsent, edited, reacted to): the recipient's copy as it is now.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.MessageUpdated")]
public sealed record MessageUpdated([property: Id(0)] string ConversationId, [property: Id(1)] ChatMessage Message) : UserEvent;

/// <summary>The recipient deleted a message for themselves (sent to their own devices only).</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.MessageRemoved")]
public sealed record MessageRemoved([property: Id(0)] string ConversationId, [property: Id(1)] long Seq) : UserEvent;

/// <summary>Disappearing messages were purged: clients drop them (history now holds contentless tombstones).</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.MessagesExpired")]
public sealed record MessagesExpired([property: Id(0)] string ConversationId, [property: Id(1)] IReadOnlyList<long> Seqs) : UserEvent;

/// <summary>The recipient's "download your data" archive is ready (or failed).</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.ExportFinished")]
public sealed record ExportFinished([property: Id(0)] string ExportId, [property: Id(1)] Exports.ExportStatus Status) : UserEvent;
