namespace OrleansDirect.Conversations;

/// <summary>Expected outcomes of conversation calls. Each maps to one documented protocol error code.</summary>
[GenerateSerializer, Alias("OrleansDirect.Conversations.ConversationStatus")]
public enum ConversationStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>No such conversation, or the caller is not a member (the two are indistinguishable on purpose).</summary>
    NotFound,

    /// <summary>The other user does not exist.</summary>
    UserNotFound,

    /// <summary>A user cannot start a conversation with themselves.</summary>
    CannotMessageSelf,

    /// <summary>The message text is empty.</summary>
    EmptyText,

    /// <summary>The message text is too long.</summary>
    TextTooLong,

    /// <summary>The message text contains forbidden control characters.</summary>
    InvalidText,

    /// <summary>The client message id breaks its shape rule.</summary>
    InvalidClientMessageId,

    /// <summary>The history query is malformed (page size, or both before and after, or a negative sequence number).</summary>
    InvalidQuery,

    /// <summary>The sequence number lies beyond the conversation's last message.</summary>
    SeqOutOfRange,

    /// <summary>
    /// The other account does not accept messages from the caller. The same answer whatever the reason (their
    /// setting, or a block), so that a block is never disclosed.
    /// </summary>
    CannotMessage,

    /// <summary>The caller blocked the other account; unblock to message it.</summary>
    BlockedByYou,

    /// <summary>The other member has not accepted the caller's message request; one message is all a request may carry.</summary>
    RequestPending,

    /// <summary>Too many actions of this kind; retry after the result's retry-after.</summary>
    RateLimited,

    /// <summary>The link preview breaks its rules (see <see cref="Validation.LinkPreviewRules"/>).</summary>
    InvalidLinkPreview,

    /// <summary>The caller has no message request in this conversation to accept or decline.</summary>
    NoRequest,

    /// <summary>Only a group admin may do this.</summary>
    NotAdmin,

    /// <summary>The group would exceed its member limit.</summary>
    GroupFull,

    /// <summary>The group name is empty, too long or has control characters.</summary>
    InvalidGroupName,

    /// <summary>This works on groups only.</summary>
    WrongKind,

    /// <summary>The user is not a member of the group.</summary>
    NotAMember,

    /// <summary>The group's last admin cannot step down (leaving hands the role on instead).</summary>
    LastAdmin,

    /// <summary>No such message for the caller: beyond the end, before they joined, deleted for them, or purged.</summary>
    MessageNotFound,

    /// <summary>Only the message's sender may do this.</summary>
    NotYourMessage,

    /// <summary>The message can no longer be edited (see <see cref="Validation.MessageRules.EditWindow"/>).</summary>
    EditWindowClosed,

    /// <summary>The message was edited the most times allowed (see <see cref="Validation.MessageRules.MaxEdits"/>).</summary>
    TooManyEdits,

    /// <summary>The reaction is empty, too long or has whitespace or control characters.</summary>
    InvalidReaction,

    /// <summary>The disappearing timer is not one of the configured choices.</summary>
    InvalidTimer,

    /// <summary>The medium is not a completed upload of the sender's that was not sent yet (or the id is malformed).</summary>
    MediaNotFound,

    /// <summary>A message request carries text only.</summary>
    RequestTextOnly,
}
