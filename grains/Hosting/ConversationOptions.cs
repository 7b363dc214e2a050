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

    /// <summary>
    /// The timers members may choose for disappearing messages. Empty (the default) means
    /// <see cref="DefaultDisappearingTimers"/>; a configured list replaces them.
    /// </summary>
    public List<TimeSpan> DisappearingTimers { get; set; } = [];

    /// <summary>The timer choices when none are configured: 5 minutes, 1 hour, 1 day, 7 days.</summary>
    public static IReadOnlyList<TimeSpan> DefaultDisappearingTimers { get; } =
        [TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    /// <summary>The timer choices in force.</summary>
    public IReadOnlyList<TimeSpan> AllowedDisappearingTimers => DisappearingTimers.Count > 0 ? DisappearingTimers : DefaultDisappearingTimers;
}
