namespace OrleansDirect.Conversations;

/// <summary>
/// A fixed-size slice of one conversation's history. Key: <c>{conversationId}/{segmentNumber}</c>; segment n holds
/// sequence numbers <c>n*Size+1 .. (n+1)*Size</c>. Only the owning conversation calls it. Silo-internal.
/// </summary>
[Alias("OrleansDirect.Conversations.IMessageSegmentGrain")]
public interface IMessageSegmentGrain : IGrainWithStringKey
{
    /// <summary>Messages per segment. Never change it once data exists.</summary>
    public const int Size = 128;

    /// <summary>Stores a message. A message already stored under the same sequence number is replaced.</summary>
    [Alias("Append")]
    Task AppendAsync(ChatMessage message);

    /// <summary>
    /// Starts the "after seen" timers of messages in <paramref name="from"/>..<paramref name="to"/> that have one and no
    /// due time yet; returns the earliest due time of this segment's live disappearing messages.
    /// </summary>
    [Alias("StartSeenTimers")]
    Task<DateTimeOffset?> StartSeenTimersAsync(long from, long to, DateTimeOffset seenAt);

    /// <summary>
    /// Replaces every message due at <paramref name="now"/> with a contentless tombstone; returns their sequence numbers
    /// and the earliest due time among those left.
    /// </summary>
    [Alias("Expire")]
    Task<ExpireResult> ExpireAsync(DateTimeOffset now);

    /// <summary>Stored messages with <paramref name="from"/> &lt;= seq &lt;= <paramref name="to"/>, ascending.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<ChatMessage>> ReadAsync(long from, long to);

    /// <summary>The segment key for a sequence number.</summary>
    public static string KeyFor(string conversationId, long seq) => $"{conversationId}/{(seq - 1) / Size}";
}

/// <summary>Outcome of <see cref="IMessageSegmentGrain.ExpireAsync"/>.</summary>
/// <param name="Expired">The purged messages.</param>
/// <param name="NextDue">The earliest due time among the segment's remaining disappearing messages.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.ExpireResult")]
/// <param name="MediaIds">Media of the purged messages, to delete from the blob store.</param>
public sealed record ExpireResult([property: Id(0)] IReadOnlyList<long> Expired, [property: Id(1)] DateTimeOffset? NextDue, [property: Id(2)] IReadOnlyList<string>? MediaIds = null);
