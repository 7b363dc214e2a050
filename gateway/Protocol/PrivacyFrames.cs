namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>user_list</c>: one page of following, followers, blocked or restricted accounts.</summary>
public sealed record UserListFrame(string List, IReadOnlyList<WireListedUser> Users, string? NextCursor, long Total) : ServerFrame
{
    public override string Type => "user_list";
}

/// <summary>An account in a list.</summary>
public sealed record WireListedUser(string UserId, string Handle, DateTimeOffset Since);

/// <summary><c>settings</c>: the user's privacy settings.</summary>
public sealed record SettingsFrame(string WhoCanMessage, bool NewAccountsNeedApproval, string ReadReceipts, bool LinkPreviews, bool DefaultHiddenWords) : ServerFrame
{
    public override string Type => "settings";
}

/// <summary><c>hidden_words</c>: the user's hidden words.</summary>
public sealed record HiddenWordsFrame(IReadOnlyList<string> Words) : ServerFrame
{
    public override string Type => "hidden_words";
}

/// <summary><c>reported</c>: a report was filed; <c>blocked</c> says whether the reported account is now blocked.</summary>
public sealed record ReportedFrame(string ReportId, bool Blocked) : ServerFrame
{
    public override string Type => "reported";
}

/// <summary><c>read_marker</c> (pushed): a member read up to <c>seq</c>; also the user's own reads, to their other devices.</summary>
public sealed record ReadMarkerFrame(string ConversationId, string UserId, long Seq) : ServerFrame
{
    public override string Type => "read_marker";
}

/// <summary><c>typing</c> (pushed): a member started or stopped typing.</summary>
public sealed record TypingFrame(string ConversationId, string UserId, bool Active) : ServerFrame
{
    public override string Type => "typing";
}

/// <summary><c>conversation_updated</c> (pushed): the user's own view of a conversation changed (accepted, folder, mute).</summary>
public sealed record ConversationUpdatedFrame(WireConversation Conversation) : ServerFrame
{
    public override string Type => "conversation_updated";
}

/// <summary><c>message_updated</c> (pushed): a message was unsent, edited or reacted to; the user's copy as it is now.</summary>
public sealed record MessageUpdatedFrame(string ConversationId, WireMessage Message) : ServerFrame
{
    public override string Type => "message_updated";
}

/// <summary><c>messages_expired</c> (pushed): disappearing messages were purged; drop them.</summary>
public sealed record MessagesExpiredFrame(string ConversationId, IReadOnlyList<long> Seqs) : ServerFrame
{
    public override string Type => "messages_expired";
}

/// <summary><c>export_finished</c> (pushed): a "download your data" archive is ready (or failed).</summary>
public sealed record ExportFinishedFrame(string ExportId, string Status) : ServerFrame
{
    public override string Type => "export_finished";
}

/// <summary><c>message_removed</c> (pushed to the user's own devices): they deleted a message for themselves.</summary>
public sealed record MessageRemovedFrame(string ConversationId, long Seq) : ServerFrame
{
    public override string Type => "message_removed";
}

/// <summary><c>conversation_removed</c> (pushed): the conversation left the user's lists (they declined its request).</summary>
public sealed record ConversationRemovedFrame(string ConversationId) : ServerFrame
{
    public override string Type => "conversation_removed";
}
