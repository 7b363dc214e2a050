namespace OrleansDirect.Hosting;

/// <summary>Grain storage provider names. Operators map each to a store; the names never change once data exists.</summary>
public static class StorageNames
{
    /// <summary>Users, handles and sessions.</summary>
    public const string Accounts = "accounts";

    /// <summary>Conversation metadata: members, counters, idempotency window.</summary>
    public const string Conversations = "conversations";

    /// <summary>Message history segments.</summary>
    public const string Messages = "messages";

    /// <summary>Per-user inboxes.</summary>
    public const string Inbox = "inbox";

    /// <summary>Follows, blocks, restrictions, privacy settings and follower lists.</summary>
    public const string Social = "social";

    /// <summary>Media and export records (the bytes live in the blob store).</summary>
    public const string Media = "media";

    /// <summary>Reports and their index.</summary>
    public const string Reports = "reports";

    /// <summary>Stream subscriptions, required by Orleans streams.</summary>
    public const string PubSub = "PubSubStore";
}
