namespace OrleansDirect.Conversations;

/// <summary>
/// Persisted state of <see cref="ConversationGrain"/>. Bounded whatever the history length: messages live in
/// <see cref="MessageSegmentGrain"/>s, and the idempotency window is capped.
/// </summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.ConversationState")]
public sealed class ConversationState
{
    /// <summary>Whether the conversation was started.</summary>
    [Id(0)] public bool Started { get; set; }

    /// <summary>Direct or group.</summary>
    [Id(1)] public ConversationKind Kind { get; set; }

    /// <summary>Current members.</summary>
    [Id(2)] public List<MemberState> Members { get; set; } = [];

    /// <summary>Sequence number of the newest message.</summary>
    [Id(3)] public long LastSeq { get; set; }

    /// <summary>When the conversation was started.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the newest message was sent.</summary>
    [Id(5)] public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>The most recent sends by client message id, oldest first, capped by <c>Conversations:IdempotencyWindow</c>.</summary>
    [Id(6)] public List<RecentSend> RecentSends { get; set; } = [];
}

/// <summary>One member of a conversation.</summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.MemberState")]
public sealed class MemberState
{
    /// <summary>The member's user id.</summary>
    [Id(0)] public string UserId { get; set; } = "";

    /// <summary>The conversation's last sequence number when the member joined; they see only later messages.</summary>
    [Id(1)] public long JoinedAfterSeq { get; set; }

    /// <summary>When the member joined.</summary>
    [Id(2)] public DateTimeOffset JoinedAt { get; set; }

    /// <summary>The member's read marker.</summary>
    [Id(3)] public long ReadSeq { get; set; }

    /// <summary>Highest sequence number the member's devices acknowledged receiving.</summary>
    [Id(4)] public long DeliveredSeq { get; set; }
}

/// <summary>A remembered send, for idempotent retries.</summary>
/// <param name="SenderId">The author.</param>
/// <param name="ClientMessageId">The author's idempotency key.</param>
/// <param name="Seq">The sequence number it was given.</param>
/// <param name="SentAt">Its server timestamp.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.RecentSend")]
public sealed record RecentSend([property: Id(0)] string SenderId, [property: Id(1)] string ClientMessageId, [property: Id(2)] long Seq, [property: Id(3)] DateTimeOffset SentAt);
