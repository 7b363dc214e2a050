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

    /// <summary>A group's name.</summary>
    [Id(7)] public string? Name { get; set; }

    /// <summary>Whether members' adds wait for an admin's approval.</summary>
    [Id(8)] public bool ApprovalRequired { get; set; }

    /// <summary>Members' adds waiting for approval; at most <c>Conversations:MaxGroupMembers</c>.</summary>
    [Id(9)] public List<PendingAdd> PendingAdds { get; set; } = [];

    /// <summary>
    /// Members who left or were removed, most recent last, with the point they left; they may read history up to it.
    /// Capped by <see cref="ConversationGrain.MaxFormerMembers"/>: the oldest are forgotten first.
    /// </summary>
    [Id(10)] public List<MemberState> FormerMembers { get; set; } = [];

    /// <summary>Disappearing messages for new messages.</summary>
    [Id(11)] public DisappearingMode Disappearing { get; set; }

    /// <summary>Their timer.</summary>
    [Id(12)] public TimeSpan DisappearingTimer { get; set; }

    /// <summary>
    /// For each history segment holding messages due to disappear: the earliest due time. Entries leave once purged,
    /// so this holds at most one entry per segment with live disappearing messages.
    /// </summary>
    [Id(13)] public Dictionary<long, DateTimeOffset> PendingExpiries { get; set; } = [];

    /// <summary>Every member has read every message up to here (as far as "after seen" timers were started).</summary>
    [Id(14)] public long SeenThrough { get; set; }

    /// <summary>The newest message sent in "after seen" mode.</summary>
    [Id(15)] public long LastAfterSeenSeq { get; set; }

    /// <summary>When the expiry reminder is next due (to re-register it only when an earlier expiry appears).</summary>
    [Id(16)] public DateTimeOffset? ReminderDueAt { get; set; }
}

/// <summary>A member's proposal to add someone, waiting for an admin.</summary>
/// <param name="UserId">Who would be added.</param>
/// <param name="ProposedBy">The member who asked; the add is checked against the privacy rules as theirs.</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.PendingAdd")]
public sealed record PendingAdd([property: Id(0)] string UserId, [property: Id(1)] string ProposedBy, [property: Id(2)] DateTimeOffset At);

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

    /// <summary>Whether the member accepted the conversation, has a pending request, or declined it.</summary>
    [Id(5)] public MemberStatus Status { get; set; }

    /// <summary>While a request: its message matched the member's hidden words, so it sits in Hidden Requests, masked.</summary>
    [Id(6)] public bool HiddenRequest { get; set; }

    /// <summary>The sequence number of the one message a request to this member carried (0: none yet).</summary>
    [Id(7)] public long RequestSeq { get; set; }

    /// <summary>The member muted the conversation.</summary>
    [Id(8)] public bool Muted { get; set; }

    /// <summary>The member restricts the other member of this 1:1 conversation, so it sits in their Requests.</summary>
    [Id(9)] public bool Restricts { get; set; }

    /// <summary>
    /// The member has not been told about the conversation and has no inbox entry for it: a request that carries no
    /// message yet, or one the member declined. Unlisted members get no events and no inbox updates.
    /// </summary>
    [Id(10)] public bool Unlisted { get; set; }

    /// <summary>A group admin.</summary>
    [Id(11)] public bool Admin { get; set; }

    /// <summary>For a former member: the sequence number of the system message that recorded their leaving.</summary>
    [Id(12)] public long LeftAtSeq { get; set; }
}

/// <summary>A member's answer to the conversation.</summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.MemberStatus")]
public enum MemberStatus
{
    /// <summary>Full messaging (the starter, someone who accepted or replied, or someone who follows the sender).</summary>
    Accepted,

    /// <summary>A message request the member has not answered.</summary>
    Pending,

    /// <summary>The member declined the request (or blocked the sender from it). The sender is not told.</summary>
    Declined,
}

/// <summary>A remembered send, for idempotent retries.</summary>
/// <param name="SenderId">The author.</param>
/// <param name="ClientMessageId">The author's idempotency key.</param>
/// <param name="Seq">The sequence number it was given.</param>
/// <param name="SentAt">Its server timestamp.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.RecentSend")]
public sealed record RecentSend([property: Id(0)] string SenderId, [property: Id(1)] string ClientMessageId, [property: Id(2)] long Seq, [property: Id(3)] DateTimeOffset SentAt);
