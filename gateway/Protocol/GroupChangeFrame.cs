namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>group_change</c>: the answer to <c>create_group</c>, <c>add_members</c> and <c>review_add</c>.</summary>
public sealed record GroupChangeFrame(WireConversation Conversation, IReadOnlyList<WireMemberOutcome> Outcomes) : ServerFrame
{
    public override string Type => "group_change";
}

/// <summary>What happened to one named user.</summary>
public sealed record WireMemberOutcome(string UserId, string Outcome);
