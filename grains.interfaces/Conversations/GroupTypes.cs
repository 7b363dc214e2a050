namespace OrleansDirect.Conversations;

/// <summary>What happened to one user in a group change.</summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.AddOutcome")]
public enum AddOutcome
{
    /// <summary>Added (to their inbox, or to their requests when they do not follow the adder).</summary>
    Added,

    /// <summary>Waiting for an admin's approval (the group requires it for members' adds).</summary>
    PendingApproval,

    /// <summary>Already a member.</summary>
    AlreadyMember,

    /// <summary>
    /// The user does not accept this from the adder: the same answer whatever the reason (their settings, or a block),
    /// so a block is never disclosed.
    /// </summary>
    CannotAdd,

    /// <summary>The adder blocked this user.</summary>
    BlockedByYou,

    /// <summary>No such user.</summary>
    UserNotFound,
}

/// <summary>One user's outcome in a group change.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.MemberOutcome")]
public sealed record MemberOutcome([property: Id(0)] string UserId, [property: Id(1)] AddOutcome Outcome);

/// <summary>Outcome of creating a group or adding members.</summary>
/// <param name="Status">Whether the change was done at all.</param>
/// <param name="Conversation">The group as the caller sees it afterwards.</param>
/// <param name="Outcomes">Per named user, in the order given.</param>
/// <param name="RetryAfter">When <see cref="ConversationStatus.RateLimited"/>: how long until creating is allowed again.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.GroupChangeResult")]
public sealed record GroupChangeResult(
    [property: Id(0)] ConversationStatus Status,
    [property: Id(1)] ConversationView? Conversation,
    [property: Id(2)] IReadOnlyList<MemberOutcome> Outcomes,
    [property: Id(3)] TimeSpan? RetryAfter = null)
{
    /// <summary>A refusal with no change.</summary>
    public static GroupChangeResult Refused(ConversationStatus status, TimeSpan? retryAfter = null) => new(status, null, [], retryAfter);
}

/// <summary>A membership or settings change, recorded in the history as a system message.</summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.SystemEventKind")]
public enum SystemEventKind
{
    /// <summary>The group was created (name, first members).</summary>
    Created,

    /// <summary>Members were added.</summary>
    Added,

    /// <summary>A member was removed by an admin.</summary>
    Removed,

    /// <summary>A member left.</summary>
    Left,

    /// <summary>A member became an admin (by an admin, or as the longest-standing member when the last admin left).</summary>
    Promoted,

    /// <summary>An admin became a plain member.</summary>
    Demoted,

    /// <summary>The group was renamed.</summary>
    Renamed,

    /// <summary>Admin approval for members' adds was turned on or off.</summary>
    ApprovalChanged,

    /// <summary>A member changed the disappearing-messages mode (any conversation, 1:1 too).</summary>
    DisappearingChanged,
}

/// <summary>Disappearing messages in a conversation.</summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.DisappearingMode")]
public enum DisappearingMode
{
    /// <summary>Messages stay until unsent or deleted.</summary>
    Off,

    /// <summary>A message is purged its timer after every member has read it.</summary>
    AfterSeen,

    /// <summary>A message is purged its timer after it was sent.</summary>
    AfterSend,
}

/// <summary>A system message's content.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="ActorId">Who did it (the member themselves for <see cref="SystemEventKind.Left"/>; empty for automatic promotions).</param>
/// <param name="UserIds">Whom it concerns.</param>
/// <param name="Name">The group name, for <see cref="SystemEventKind.Created"/> and <see cref="SystemEventKind.Renamed"/>.</param>
/// <param name="On">For <see cref="SystemEventKind.ApprovalChanged"/>: the new value.</param>
/// <param name="Mode">For <see cref="SystemEventKind.DisappearingChanged"/>: the new mode.</param>
/// <param name="Timer">For <see cref="SystemEventKind.DisappearingChanged"/>: the new timer.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.SystemEvent")]
public sealed record SystemEvent(
    [property: Id(0)] SystemEventKind Kind,
    [property: Id(1)] string ActorId,
    [property: Id(2)] IReadOnlyList<string> UserIds,
    [property: Id(3)] string? Name = null,
    [property: Id(4)] bool? On = null,
    [property: Id(5)] DisappearingMode? Mode = null,
    [property: Id(6)] TimeSpan? Timer = null);

/// <summary>Shape rules of groups.</summary>
public static class GroupRules
{
    /// <summary>Longest group name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Whether <paramref name="name"/> is a valid group name: 1 to 100 characters, not blank, no control characters.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Any(char.IsControl);
}
