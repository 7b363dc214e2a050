using OrleansDirect.Accounts;
using OrleansDirect.Conversations;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Inbox;
using OrleansDirect.Validation;

namespace OrleansDirect.Gateway.WebSockets;

// Client requests. Identity always comes from the authenticated session (_userId), never from the frame.
public sealed partial class ClientConnection
{
    /// <summary>Most conversations one <c>sync</c> may name.</summary>
    internal const int MaxSyncCursors = 10_000;

    /// <summary>Longest <c>auth</c> token accepted (issued tokens are 47 characters).</summary>
    internal const int MaxTokenLength = 256;

    /// <summary>Longest inbox cursor accepted.</summary>
    internal const int MaxInboxCursorLength = 512;
    private const int MaxIdLength = 128;

    private async Task HandleTextAsync(byte[] utf8)
    {
        string? replyTo = null;
        try
        {
            var frame = ClientFrame.Parse(utf8);
            replyTo = frame.Id;
            if (frame.Type is "auth")
            {
                await AuthenticateAsync(frame);
                return;
            }

            if (frame.Type is "ping")
            {
                Send(new PongFrame { ReplyTo = replyTo });
                return;
            }

            if (!IsKnownType(frame.Type))
            {
                throw new FrameException(ErrorCodes.UnknownType, $"Unknown frame type '{Truncate(frame.Type)}'.") { ReplyTo = replyTo };
            }

            if (_userId is not { } userId)
            {
                throw new FrameException(ErrorCodes.NotAuthenticated, "Send an 'auth' frame first.") { ReplyTo = replyTo };
            }

            await (frame.Type switch
            {
                "open_direct" => OpenDirectAsync(userId, frame),
                "send" => SendMessageAsync(userId, frame),
                "history" => HistoryAsync(userId, frame),
                "inbox" => InboxAsync(userId, frame),
                "sync" => QueueSync(frame),
                "ack" => AcknowledgeAsync(userId, frame),
                "read" => MarkReadAsync(userId, frame),
                "accept_request" => ConversationActionAsync(userId, frame, c => c.AcceptRequestAsync(userId)),
                "decline_request" => ConversationActionAsync(userId, frame, c => c.DeclineRequestAsync(userId)),
                "mute" => MuteAsync(userId, frame),
                "typing" => TypingAsync(userId, frame),
                "report" => ReportAsync(userId, frame),
                "get_settings" or "update_settings" => SettingsAsync(userId, frame),
                "get_hidden_words" or "update_hidden_words" => HiddenWordsAsync(userId, frame),
                "list" => ListAsync(userId, frame),
                "unsend" => MessageActionAsync(userId, frame, (c, seq) => c.UnsendAsync(userId, seq)),
                "delete_for_me" => MessageActionAsync(userId, frame, (c, seq) => c.DeleteForMeAsync(userId, seq)),
                "react" => ReactAsync(userId, frame),
                "edit" => EditAsync(userId, frame),
                "set_disappearing" => SetDisappearingAsync(userId, frame),
                "create_group" => CreateGroupAsync(userId, frame),
                "add_members" => AddMembersAsync(userId, frame),
                "review_add" => ReviewAddAsync(userId, frame),
                "remove_member" => GroupActionAsync(userId, frame, (c, id) => c.RemoveMemberAsync(userId, id)),
                "set_admin" => SetAdminAsync(userId, frame),
                "leave_group" => ConversationActionAsync(userId, frame, c => c.LeaveAsync(userId)),
                "rename_group" => RenameGroupAsync(userId, frame),
                "set_group_approval" => SetGroupApprovalAsync(userId, frame),
                _ => RelationAsync(userId, frame),
            });
        }
        catch (FrameException ex)
        {
            Send(new ErrorFrame(ex.Code, ex.Message, ex.Field) { ReplyTo = ex.ReplyTo ?? replyTo });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequestFailed(_logger, ex, _userId ?? "-");
            Send(new ErrorFrame(ErrorCodes.Unavailable, "The request could not be completed; retry it.") { ReplyTo = replyTo });
        }
    }

    private static bool IsKnownType(string type) =>
        type is "open_direct" or "send" or "history" or "inbox" or "sync" or "ack" or "read"
            or "accept_request" or "decline_request" or "mute" or "typing" or "report"
            or "get_settings" or "update_settings" or "get_hidden_words" or "update_hidden_words" or "list"
            or "follow" or "unfollow" or "block" or "unblock" or "restrict" or "unrestrict"
            or "unsend" or "delete_for_me" or "react" or "edit" or "set_disappearing"
            or "create_group" or "add_members" or "review_add" or "remove_member" or "set_admin" or "leave_group" or "rename_group" or "set_group_approval";

    private async Task AuthenticateAsync(ClientFrame frame)
    {
        if (_userId is not null)
        {
            throw new FrameException(ErrorCodes.AlreadyAuthenticated, "This connection is already authenticated.");
        }

        var token = frame.RequiredString("token", MaxTokenLength);
        if (await _cluster.GetGrain<IAccountGrain>(0).AuthenticateAsync(token) is not { } session)
        {
            Send(new ErrorFrame(ErrorCodes.AuthFailed, "Unknown, expired or revoked session token.") { ReplyTo = frame.Id });
            Enqueue(new CloseWork(CloseCodes.AuthFailed, "auth failed"));
            return;
        }

        // The session id is known before events can arrive. A sign-out between the check above and the attach would
        // announce its revocation to nobody, so the session is checked once more now that this socket listens.
        _sessionId = session.SessionId;
        await _hub.AttachAsync(session.UserId, this);
        Volatile.Write(ref _userId, session.UserId);
        AuthenticatedSession? again;
        try
        {
            again = await _cluster.GetGrain<IAccountGrain>(0).AuthenticateAsync(token);
        }
        catch
        {
            // The check could not be made: the connection goes back to unauthenticated (the client is answered
            // 'unavailable' and may send 'auth' again) and leaves the stream. What the stream delivered meanwhile
            // was held for 'ready' and is thrown away, so a later 'auth', possibly as someone else, never sees it.
            Volatile.Write(ref _userId, null);
            _sessionId = null;
            try
            {
                await _hub.DetachAsync(session.UserId, this);
            }
            finally
            {
                Enqueue(new DiscardHeldEvents());
                if (Environment.TickCount64 >= _authDeadline)
                {
                    // The auth timer fired while this connection counted as authenticated, so it did nothing.
                    Enqueue(new CloseWork(CloseCodes.AuthTimeout, "auth timeout"));
                }
            }

            throw;
        }

        if (again is null)
        {
            Send(new ErrorFrame(ErrorCodes.AuthFailed, "Unknown, expired or revoked session token.") { ReplyTo = frame.Id });
            Enqueue(new CloseWork(CloseCodes.SessionRevoked, "session revoked"));
            return;
        }

        CloseWhenExpired(session.ExpiresAt);
        Send(new ReadyFrame(session.UserId, session.SessionId) { ReplyTo = frame.Id });
    }

    /// <summary>The user a frame names by <c>userId</c> or <c>handle</c> (exactly one).</summary>
    private async Task<string> ResolveUserAsync(ClientFrame frame)
    {
        var otherId = frame.OptionalString("userId", MaxIdLength);
        var handle = frame.OptionalString("handle", HandleRules.MaxLength);
        if (otherId is null && handle is null)
        {
            throw new FrameException(ErrorCodes.InvalidField, "Give 'userId' or 'handle'.", "userId");
        }

        if (otherId is not null && handle is not null)
        {
            throw new FrameException(ErrorCodes.InvalidField, "Give 'userId' or 'handle', not both.", "handle");
        }

        if (otherId is "" || handle is "")
        {
            throw new FrameException(ErrorCodes.InvalidField, "The user must not be empty.", otherId is "" ? "userId" : "handle");
        }

        otherId ??= (await _cluster.GetGrain<IAccountGrain>(0).FindByHandleAsync(handle!))?.UserId;
        return otherId ?? throw new FrameException(ErrorCodes.UserNotFound, "No such user.");
    }

    private async Task OpenDirectAsync(string userId, ClientFrame frame)
    {
        var otherId = await ResolveUserAsync(frame);
        var result = await _cluster.GetGrain<IConversationGrain>(ConversationIds.Direct(userId, otherId)).StartDirectAsync(userId, otherId);
        Send(result.Conversation is { } view && result.Status == ConversationStatus.Ok
            ? new ConversationFrame(WireConversation.From(view)) { ReplyTo = frame.Id }
            : Error(result.Status, frame.Id, result.RetryAfter));
    }

    private async Task SendMessageAsync(string userId, ClientFrame frame)
    {
        var conversationId = ConversationIdField(frame);
        // Shape rules are checked here to answer quickly with the same codes the grain would use; the grain checks again.
        var clientMessageId = frame.RequiredString("clientMessageId", int.MaxValue);
        var mediaId = frame.OptionalString("mediaId", MaxIdLength);
        var text = mediaId is null ? frame.RequiredString("text", int.MaxValue) : frame.OptionalString("text", int.MaxValue) ?? "";
        var preview = frame.OptionalObject("linkPreview") is { } p
            ? new LinkPreview(
                p.RequiredString("url", LinkPreviewRules.MaxUrlLength),
                p.RequiredString("title", LinkPreviewRules.MaxTitleLength),
                p.OptionalString("description", LinkPreviewRules.MaxDescriptionLength))
            : null;
        var replyToSeq = frame.OptionalSeq("replyToSeq");
        var draft = new MessageDraft(clientMessageId, text, preview, replyToSeq, mediaId, frame.OptionalBool("viewOnce") ?? false);
        var shape = MessageRules.CheckDraft(draft);
        if (shape != ConversationStatus.Ok)
        {
            Send(Error(shape, frame.Id));
            return;
        }

        var result = await _cluster.GetGrain<IConversationGrain>(conversationId).PostAsync(userId, draft);
        Send(result.Status == ConversationStatus.Ok
            ? new SentFrame(conversationId, clientMessageId, result.Seq, result.SentAt, result.Duplicate) { ReplyTo = frame.Id }
            : Error(result.Status, frame.Id, result.RetryAfter));
    }

    private async Task HistoryAsync(string userId, ClientFrame frame)
    {
        var conversationId = ConversationIdField(frame);
        var query = new HistoryQuery(frame.OptionalSeq("before"), frame.OptionalSeq("after"),
            frame.OptionalInt("limit", MessageRules.DefaultPageSize, 1, MessageRules.MaxPageSize));
        if (query is { BeforeSeq: not null, AfterSeq: not null })
        {
            throw new FrameException(ErrorCodes.InvalidField, "Give 'before' or 'after', not both.", "after");
        }

        var page = await _cluster.GetGrain<IConversationGrain>(conversationId).GetHistoryAsync(userId, query);
        Send(page.Status == ConversationStatus.Ok
            ? new HistoryFrame(conversationId, page.Messages.Select(WireMessage.From).ToList(), page.HasMore, page.FirstVisibleSeq, page.LastSeq,
                (page.ReadMarkers ?? []).Select(r => new WireReadMarker(r.UserId, r.Seq)).ToList()) { ReplyTo = frame.Id }
            : Error(page.Status, frame.Id));
    }

    private async Task InboxAsync(string userId, ClientFrame frame)
    {
        var folder = InboxFolder.Inbox;
        if (frame.OptionalString("folder", 32) is { } name && !WireNames.TryParse(name, out folder))
        {
            throw new FrameException(ErrorCodes.InvalidField, $"'folder' must be one of {WireNames.All<InboxFolder>()}.", "folder") { ReplyTo = frame.Id };
        }

        var query = new InboxQuery(frame.OptionalString("cursor", MaxInboxCursorLength), frame.OptionalInt("limit", MessageRules.DefaultPageSize, 1, MessageRules.MaxPageSize),
            InboxOrder.RecentActivity, folder);
        var page = await _cluster.GetGrain<IInboxGrain>(userId).GetPageAsync(userId, query);
        Send(page.Status == InboxStatus.Ok
            ? new InboxFrame(page.Entries.Select(WireInboxEntry.From).ToList(), page.NextCursor) { ReplyTo = frame.Id }
            : new ErrorFrame(ErrorCodes.InvalidField, "'cursor' is not a cursor this server issued.", "cursor") { ReplyTo = frame.Id });
    }

    private Task QueueSync(ClientFrame frame)
    {
        Enqueue(new SyncWork(frame.OptionalSeqMap("cursors", MaxSyncCursors, MaxIdLength), frame.Id));
        return Task.CompletedTask;
    }

    private async Task AcknowledgeAsync(string userId, ClientFrame frame)
    {
        var conversationId = ConversationIdField(frame);
        var status = await _cluster.GetGrain<IConversationGrain>(conversationId).AcknowledgeAsync(userId, frame.RequiredSeq("seq"));
        ReplyToMarker(status, frame.Id);
    }

    private async Task MarkReadAsync(string userId, ClientFrame frame)
    {
        var conversationId = ConversationIdField(frame);
        var status = await _cluster.GetGrain<IConversationGrain>(conversationId).MarkReadAsync(userId, frame.RequiredSeq("seq"));
        ReplyToMarker(status, frame.Id);
    }

    private void ReplyToMarker(ConversationStatus status, string? replyTo)
    {
        if (status != ConversationStatus.Ok)
        {
            Send(Error(status, replyTo));
        }
        else if (replyTo is not null)
        {
            Send(new OkFrame { ReplyTo = replyTo });
        }
    }

    internal static string ConversationIdField(ClientFrame frame)
    {
        var id = frame.RequiredString("conversationId", MaxIdLength);
        return ConversationIds.IsWellFormed(id)
            ? id
            : throw new FrameException(ErrorCodes.InvalidField, "'conversationId' is not a conversation id.", "conversationId") { ReplyTo = frame.Id };
    }

    private static ErrorFrame Error(ConversationStatus status, string? replyTo, TimeSpan? retryAfter = null)
    {
        var (code, message) = status switch
        {
            ConversationStatus.UserNotFound => (ErrorCodes.UserNotFound, "No such user."),
            ConversationStatus.CannotMessageSelf => (ErrorCodes.CannotMessageSelf, "You cannot start a conversation with yourself."),
            ConversationStatus.EmptyText => (ErrorCodes.EmptyText, "The message text is empty."),
            ConversationStatus.TextTooLong => (ErrorCodes.TextTooLong, $"Messages are limited to {MessageRules.MaxTextLength} characters."),
            ConversationStatus.InvalidText => (ErrorCodes.InvalidText, "The message text contains control characters."),
            ConversationStatus.InvalidClientMessageId => (ErrorCodes.InvalidClientMessageId,
                $"'clientMessageId' has 1 to {MessageRules.MaxClientMessageIdLength} characters from A-Z a-z 0-9 - _ . :"),
            ConversationStatus.InvalidQuery => (ErrorCodes.InvalidQuery, "The query is not valid."),
            ConversationStatus.SeqOutOfRange => (ErrorCodes.SeqOutOfRange, "The sequence number is beyond the conversation's last message."),
            ConversationStatus.CannotMessage => (ErrorCodes.CannotMessage, "This account does not accept messages from you."),
            ConversationStatus.BlockedByYou => (ErrorCodes.BlockedByYou, "You blocked this account; unblock it to message it."),
            ConversationStatus.RequestPending => (ErrorCodes.RequestPending,
                "A request is pending: yours has not been accepted (a request carries one message), or you have not accepted this conversation yet."),
            ConversationStatus.RateLimited => (ErrorCodes.RateLimited, retryAfter is null ? "Too many requests; slow down." : "Too many requests; retry after 'retryAfterMs'."),
            ConversationStatus.InvalidLinkPreview => (ErrorCodes.InvalidLinkPreview,
                "A link preview needs an absolute http(s) 'url' that appears in the text, and a non-empty 'title'."),
            ConversationStatus.NoRequest => (ErrorCodes.NoRequest, "There is no message request to decline in this conversation."),
            ConversationStatus.MessageNotFound => (ErrorCodes.MessageNotFound, "No such message for you (beyond the end, before you joined, deleted or unsent)."),
            ConversationStatus.NotYourMessage => (ErrorCodes.NotYourMessage, "Only the message's sender may do this."),
            ConversationStatus.EditWindowClosed => (ErrorCodes.EditWindowClosed, $"Messages can be edited for {MessageRules.EditWindow.TotalMinutes:0} minutes after sending."),
            ConversationStatus.TooManyEdits => (ErrorCodes.TooManyEdits, $"A message can be edited at most {MessageRules.MaxEdits} times."),
            ConversationStatus.MediaNotFound => (ErrorCodes.MediaNotFound, "'mediaId' is not a completed upload of yours that was not sent yet (view-once takes a photo or video)."),
            ConversationStatus.RequestTextOnly => (ErrorCodes.RequestTextOnly, "A message request carries text only."),
            ConversationStatus.InvalidTimer => (ErrorCodes.InvalidTimer, "'timerSeconds' must be one of the server's choices for disappearing messages (see docs/protocol.md)."),
            ConversationStatus.InvalidReaction => (ErrorCodes.InvalidReaction, $"A reaction has 1 to {MessageRules.MaxReactionLength} characters and no whitespace or control characters."),
            ConversationStatus.NotAdmin => (ErrorCodes.NotAdmin, "Only a group admin may do this."),
            ConversationStatus.GroupFull => (ErrorCodes.GroupFull, "The group would exceed its member limit."),
            ConversationStatus.InvalidGroupName => (ErrorCodes.InvalidGroupName, $"A group name has 1 to {GroupRules.MaxNameLength} characters, not all blank, and no control characters."),
            ConversationStatus.WrongKind => (ErrorCodes.WrongKind, "This works on groups only."),
            ConversationStatus.NotAMember => (ErrorCodes.NotAMember, "That user is not a member of the group (or has no pending add)."),
            ConversationStatus.LastAdmin => (ErrorCodes.LastAdmin, "The group's last admin cannot step down; promote someone first, or leave."),
            _ => (ErrorCodes.NotFound, "No such conversation."),
        };
        return new ErrorFrame(code, message, RetryAfterMs: RetryMs(retryAfter)) { ReplyTo = replyTo };
    }

    private static long? RetryMs(TimeSpan? retryAfter) => retryAfter is { } wait ? Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds)) : null;

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "A request of {UserId} failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string userId);
}
