using OrleansDirect.Conversations;

namespace OrleansDirect.Inbox;

/// <summary>
/// Persisted state of <see cref="InboxGrain"/>: one fixed-size entry per conversation the user is in. It grows with
/// the number of conversations, never with the number of messages.
/// </summary>
[GenerateSerializer, Alias("OrleansDirect.Inbox.InboxState")]
public sealed class InboxState
{
    /// <summary>Entries by conversation id.</summary>
    [Id(0)] public Dictionary<string, InboxEntryState> Entries { get; set; } = [];
}

/// <summary>One stored inbox entry.</summary>
[GenerateSerializer, Alias("OrleansDirect.Inbox.InboxEntryState")]
public sealed class InboxEntryState
{
    /// <summary>Direct or group.</summary>
    [Id(0)] public ConversationKind Kind { get; set; }

    /// <summary>The other members.</summary>
    [Id(1)] public List<string> OtherMemberIds { get; set; } = [];

    /// <summary>Newest sequence number.</summary>
    [Id(2)] public long LastSeq { get; set; }

    /// <summary>Time of the newest activity.</summary>
    [Id(3)] public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>The owner's read marker.</summary>
    [Id(4)] public long ReadSeq { get; set; }

    /// <summary>Preview of the newest message.</summary>
    [Id(5)] public MessagePreview? Preview { get; set; }

    /// <summary>Inbox, requests or hidden requests.</summary>
    [Id(6)] public InboxFolder Folder { get; set; }

    /// <summary>The owner muted the conversation.</summary>
    [Id(7)] public bool Muted { get; set; }

    /// <summary>A group's name.</summary>
    [Id(8)] public string? Name { get; set; }
}
