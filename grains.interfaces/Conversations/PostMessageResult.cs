namespace OrleansDirect.Conversations;

/// <summary>Outcome of <see cref="IConversationGrain.PostAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Seq">The message's sequence number (the original one for a retried send).</param>
/// <param name="SentAt">The server timestamp of the message.</param>
/// <param name="Duplicate">Whether this was a retry of a send that had already been stored.</param>
/// <param name="RetryAfter">When <see cref="ConversationStatus.RateLimited"/>: how long until sending is allowed again.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.PostMessageResult")]
public sealed record PostMessageResult(
    [property: Id(0)] ConversationStatus Status,
    [property: Id(1)] long Seq,
    [property: Id(2)] DateTimeOffset SentAt,
    [property: Id(3)] bool Duplicate,
    [property: Id(4)] TimeSpan? RetryAfter = null)
{
    /// <summary>A refusal with no message.</summary>
    public static PostMessageResult Refused(ConversationStatus status, TimeSpan? retryAfter = null) => new(status, 0, default, false, retryAfter);
}
