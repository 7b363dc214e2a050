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

    /// <summary>Stored messages with <paramref name="from"/> &lt;= seq &lt;= <paramref name="to"/>, ascending.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<ChatMessage>> ReadAsync(long from, long to);

    /// <summary>The segment key for a sequence number.</summary>
    public static string KeyFor(string conversationId, long seq) => $"{conversationId}/{(seq - 1) / Size}";
}
