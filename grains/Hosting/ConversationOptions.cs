namespace OrleansDirect.Hosting;

/// <summary>Messaging settings (configuration section <c>Conversations</c>).</summary>
public sealed class ConversationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Conversations";

    /// <summary>
    /// How many of a conversation's most recent sends are remembered by client message id. A retry is recognised as
    /// long as fewer than this many messages were posted to the conversation since the original.
    /// </summary>
    public int IdempotencyWindow { get; set; } = 512;

    /// <summary>Most members of a group, its creator included (Instagram: "up to 30 other accounts").</summary>
    public int MaxGroupMembers { get; set; } = 31;
}
