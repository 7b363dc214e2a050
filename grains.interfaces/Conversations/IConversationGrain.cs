namespace OrleansDirect.Conversations;

/// <summary>
/// One conversation: its members, its sequence counter and its message history. Key: a conversation id from
/// <see cref="ConversationIds"/>. Every method takes the acting user's id first (from the authenticated session) and
/// answers <see cref="ConversationStatus.NotFound"/> to anyone who is not a member, so outsiders learn nothing.
/// </summary>
[Alias("OrleansDirect.Conversations.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts (or returns) the 1:1 conversation between <paramref name="callerId"/> and <paramref name="otherUserId"/>.
    /// Must be called on the grain whose key is <see cref="ConversationIds.Direct"/> of the pair.
    /// </summary>
    [Alias("StartDirect")]
    Task<ConversationResult> StartDirectAsync(string callerId, string otherUserId);

    /// <summary>Posts a message. Retrying with the same client message id returns the original sequence number.</summary>
    [Alias("Post")]
    Task<PostMessageResult> PostAsync(string senderId, MessageDraft draft);

    /// <summary>Reads a page of history, oldest first.</summary>
    [Alias("GetHistory")]
    Task<HistoryPage> GetHistoryAsync(string callerId, HistoryQuery query);

    /// <summary>Returns the conversation as the caller sees it.</summary>
    [Alias("GetView")]
    Task<ConversationResult> GetViewAsync(string callerId);

    /// <summary>Records that the caller's devices have received every message up to <paramref name="seq"/>.</summary>
    [Alias("Acknowledge")]
    Task<ConversationStatus> AcknowledgeAsync(string callerId, long seq);

    /// <summary>Records that the caller has read every message up to <paramref name="seq"/>.</summary>
    [Alias("MarkRead")]
    Task<ConversationStatus> MarkReadAsync(string callerId, long seq);

    /// <summary>Accepts the caller's message request: the conversation moves to their inbox with full messaging.</summary>
    [Alias("AcceptRequest")]
    Task<ConversationStatus> AcceptRequestAsync(string callerId);

    /// <summary>Declines the caller's message request: it leaves their lists, and the sender is not told.</summary>
    [Alias("DeclineRequest")]
    Task<ConversationStatus> DeclineRequestAsync(string callerId);

    /// <summary>Mutes or unmutes the conversation for the caller; events then tell their clients not to notify.</summary>
    [Alias("SetMuted")]
    Task<ConversationStatus> SetMutedAsync(string callerId, bool muted);

    /// <summary>Tells the other members that the caller started or stopped typing, where receipt rules allow it. Nothing is stored.</summary>
    [Alias("SetTyping")]
    Task<ConversationStatus> SetTypingAsync(string callerId, bool active);

    /// <summary>
    /// Unsends the caller's own message for everyone: its content is purged and the history keeps a contentless
    /// tombstone; every member is told.
    /// </summary>
    [Alias("Unsend")]
    Task<ConversationStatus> UnsendAsync(string callerId, long seq);

    /// <summary>Hides a message from the caller only; when every member has deleted it, it is purged.</summary>
    [Alias("DeleteForMe")]
    Task<ConversationStatus> DeleteForMeAsync(string callerId, long seq);

    /// <summary>Sets (or, with null, removes) the caller's one reaction to a message.</summary>
    [Alias("React")]
    Task<ConversationStatus> ReactAsync(string callerId, long seq, string? emoji);

    /// <summary>Edits the caller's own message within the edit window; earlier versions stay visible to members.</summary>
    [Alias("Edit")]
    Task<ConversationStatus> EditAsync(string callerId, long seq, string text);

    /// <summary>
    /// Any member switches disappearing messages for messages sent from now on; recorded in the history. The timer
    /// must be one of the configured choices (<c>Conversations:DisappearingTimers</c>).
    /// </summary>
    [Alias("SetDisappearing")]
    Task<ConversationStatus> SetDisappearingAsync(string callerId, DisappearingMode mode, TimeSpan? timer);

    /// <summary>
    /// Creates a group on this grain (key from <see cref="ConversationIds.NewGroup"/>) with the caller as its admin and
    /// up to the member limit less one other users, each added under their privacy rules.
    /// </summary>
    [Alias("CreateGroup")]
    Task<GroupChangeResult> CreateGroupAsync(string callerId, string name, IReadOnlyList<string> memberIds);

    /// <summary>Adds members (admins; or any member, pending an admin's approval when the group requires it).</summary>
    [Alias("AddMembers")]
    Task<GroupChangeResult> AddMembersAsync(string callerId, IReadOnlyList<string> userIds);

    /// <summary>An admin approves or rejects a member's pending add.</summary>
    [Alias("ReviewAdd")]
    Task<GroupChangeResult> ReviewAddAsync(string callerId, string userId, bool approve);

    /// <summary>An admin removes a member.</summary>
    [Alias("RemoveMember")]
    Task<ConversationStatus> RemoveMemberAsync(string callerId, string userId);

    /// <summary>The caller leaves the group. When the last admin leaves, the longest-standing member becomes admin.</summary>
    [Alias("Leave")]
    Task<ConversationStatus> LeaveAsync(string callerId);

    /// <summary>An admin promotes or demotes a member.</summary>
    [Alias("SetAdmin")]
    Task<ConversationStatus> SetAdminAsync(string callerId, string userId, bool admin);

    /// <summary>An admin renames the group.</summary>
    [Alias("Rename")]
    Task<ConversationStatus> RenameAsync(string callerId, string name);

    /// <summary>An admin turns admin approval for members' adds on or off.</summary>
    [Alias("SetApprovalRequired")]
    Task<ConversationStatus> SetApprovalRequiredAsync(string callerId, bool required);
}
