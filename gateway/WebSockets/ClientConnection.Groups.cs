using OrleansDirect.Conversations;
using OrleansDirect.Gateway.Protocol;

namespace OrleansDirect.Gateway.WebSockets;

// Group requests. The group grain decides everything (roles, limits, privacy of adds); the gateway translates.
public sealed partial class ClientConnection
{
    /// <summary>Most user ids one group frame may name (the member limit itself is the silo's, at most 256).</summary>
    internal const int MaxGroupUserIds = 256;

    private async Task CreateGroupAsync(string userId, ClientFrame frame)
    {
        var name = frame.RequiredString("name", GroupRules.MaxNameLength * 2);
        var members = frame.OptionalStringList("userIds", MaxGroupUserIds, MaxIdLength);
        var result = await _cluster.GetGrain<IConversationGrain>(ConversationIds.NewGroup()).CreateGroupAsync(userId, name, members);
        SendGroupChange(result, frame.Id);
    }

    private async Task AddMembersAsync(string userId, ClientFrame frame)
    {
        var conversationId = ConversationIdField(frame);
        var members = frame.OptionalStringList("userIds", MaxGroupUserIds, MaxIdLength);
        if (members.Count == 0)
        {
            throw new FrameException(ErrorCodes.InvalidField, "'userIds' must name at least one user.", "userIds") { ReplyTo = frame.Id };
        }

        SendGroupChange(await _cluster.GetGrain<IConversationGrain>(conversationId).AddMembersAsync(userId, members), frame.Id);
    }

    private async Task ReviewAddAsync(string userId, ClientFrame frame)
    {
        var conversationId = ConversationIdField(frame);
        var target = frame.RequiredString("userId", MaxIdLength);
        var approve = frame.RequiredBool("approve");
        SendGroupChange(await _cluster.GetGrain<IConversationGrain>(conversationId).ReviewAddAsync(userId, target, approve), frame.Id);
    }

    private Task GroupActionAsync(string userId, ClientFrame frame, Func<IConversationGrain, string, Task<ConversationStatus>> action)
    {
        var target = frame.RequiredString("userId", MaxIdLength);
        return ConversationActionAsync(userId, frame, c => action(c, target));
    }

    private Task SetAdminAsync(string userId, ClientFrame frame)
    {
        var admin = frame.RequiredBool("admin");
        return GroupActionAsync(userId, frame, (c, target) => c.SetAdminAsync(userId, target, admin));
    }

    private Task RenameGroupAsync(string userId, ClientFrame frame)
    {
        var name = frame.RequiredString("name", GroupRules.MaxNameLength * 2);
        return ConversationActionAsync(userId, frame, c => c.RenameAsync(userId, name));
    }

    private Task SetGroupApprovalAsync(string userId, ClientFrame frame)
    {
        var required = frame.RequiredBool("required");
        return ConversationActionAsync(userId, frame, c => c.SetApprovalRequiredAsync(userId, required));
    }

    private void SendGroupChange(GroupChangeResult result, string? replyTo) =>
        Send(result is { Status: ConversationStatus.Ok, Conversation: { } view }
            ? new GroupChangeFrame(WireConversation.From(view), result.Outcomes.Select(o => new WireMemberOutcome(o.UserId, WireNames.Of(o.Outcome))).ToList()) { ReplyTo = replyTo }
            : Error(result.Status, replyTo, result.RetryAfter));
}
