using OrleansDirect.Conversations;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>Wire spellings of enums.</summary>
public static class WireNames
{
    public static string Of(ConversationKind kind) => kind switch
    {
        ConversationKind.Direct => "direct",
        ConversationKind.Group => "group",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
