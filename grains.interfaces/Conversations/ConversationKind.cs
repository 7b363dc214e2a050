namespace OrleansDirect.Conversations;

/// <summary>What kind of conversation this is.</summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.ConversationKind")]
public enum ConversationKind
{
    /// <summary>Exactly two members, unique per pair.</summary>
    Direct,

    /// <summary>A named group.</summary>
    Group,
}
