using OrleansDirect.Conversations;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Reports;
using OrleansDirect.Social;
using OrleansDirect.Validation;

namespace OrleansDirect.Gateway.WebSockets;

// Privacy and safety requests. The gateway only translates: every rule is decided by the grain that owns the data.
public sealed partial class ClientConnection
{
    private async Task ConversationActionAsync(string userId, ClientFrame frame, Func<IConversationGrain, Task<ConversationStatus>> action)
    {
        var conversationId = ConversationIdField(frame);
        ReplyToMarker(await action(_cluster.GetGrain<IConversationGrain>(conversationId)), frame.Id);
    }

    private Task MuteAsync(string userId, ClientFrame frame)
    {
        var muted = frame.RequiredBool("muted");
        return ConversationActionAsync(userId, frame, c => c.SetMutedAsync(userId, muted));
    }

    private Task TypingAsync(string userId, ClientFrame frame)
    {
        var active = frame.RequiredBool("active");
        return ConversationActionAsync(userId, frame, c => c.SetTypingAsync(userId, active));
    }

    private async Task RelationAsync(string userId, ClientFrame frame)
    {
        var targetId = await ResolveUserAsync(frame);
        var social = _cluster.GetGrain<ISocialGrain>(userId);
        var result = frame.Type switch
        {
            "follow" => await social.FollowAsync(userId, targetId),
            "unfollow" => await social.UnfollowAsync(userId, targetId),
            "block" => await social.BlockAsync(userId, targetId),
            "unblock" => await social.UnblockAsync(userId, targetId),
            "restrict" => await social.RestrictAsync(userId, targetId),
            _ => await social.UnrestrictAsync(userId, targetId),
        };
        if (result.Status != SocialStatus.Ok)
        {
            Send(Error(result.Status, frame.Id, result.RetryAfter));
        }
        else if (frame.Id is not null)
        {
            Send(new OkFrame { ReplyTo = frame.Id });
        }
    }

    private async Task ListAsync(string userId, ClientFrame frame)
    {
        var list = frame.RequiredString("list", 32);
        var query = new UserListQuery(frame.OptionalString("cursor", MaxInboxCursorLength), frame.OptionalInt("limit", MessageRules.DefaultPageSize, 1, MessageRules.MaxPageSize));
        var social = _cluster.GetGrain<ISocialGrain>(userId);
        var page = list switch
        {
            "following" => await social.GetFollowingAsync(userId, query),
            "followers" => await social.GetFollowersAsync(userId, query),
            "blocked" => await social.GetBlockedAsync(userId, query),
            "restricted" => await social.GetRestrictedAsync(userId, query),
            _ => throw new FrameException(ErrorCodes.InvalidField, "'list' must be 'following', 'followers', 'blocked' or 'restricted'.", "list") { ReplyTo = frame.Id },
        };
        Send(page.Status == SocialStatus.Ok
            ? new UserListFrame(list, page.Entries.Select(e => new WireListedUser(e.UserId, e.Handle, e.Since)).ToList(), page.NextCursor, page.Total) { ReplyTo = frame.Id }
            : new ErrorFrame(ErrorCodes.InvalidField, "'cursor' is not a cursor this server issued for this list.", "cursor") { ReplyTo = frame.Id });
    }

    private async Task SettingsAsync(string userId, ClientFrame frame)
    {
        var social = _cluster.GetGrain<ISocialGrain>(userId);
        var result = frame.Type == "get_settings"
            ? await social.GetSettingsAsync(userId)
            : await social.UpdateSettingsAsync(userId, new SettingsUpdate(
                OptionalEnum<WhoCanMessage>(frame, "whoCanMessage"),
                frame.OptionalBool("newAccountsNeedApproval"),
                OptionalEnum<ReceiptMode>(frame, "readReceipts"),
                frame.OptionalBool("linkPreviews"),
                frame.OptionalBool("defaultHiddenWords")));
        Send(result is { Status: SocialStatus.Ok, Settings: { } s }
            ? new SettingsFrame(WireNames.Of(s.WhoCanMessage), s.NewAccountsNeedApproval, WireNames.Of(s.ReadReceipts), s.LinkPreviews, s.DefaultHiddenWords) { ReplyTo = frame.Id }
            : Error(result.Status, frame.Id, null));
    }

    private async Task HiddenWordsAsync(string userId, ClientFrame frame)
    {
        var social = _cluster.GetGrain<ISocialGrain>(userId);
        var result = frame.Type == "get_hidden_words"
            ? await social.GetHiddenWordsAsync(userId)
            : await social.UpdateHiddenWordsAsync(userId,
                frame.OptionalStringList("add", HiddenWords.MaxWordsPerUpdate, HiddenWords.MaxWordLength),
                frame.OptionalStringList("remove", HiddenWords.MaxWordsPerUpdate, HiddenWords.MaxWordLength));
        Send(result.Status == SocialStatus.Ok ? new HiddenWordsFrame(result.Words) { ReplyTo = frame.Id } : Error(result.Status, frame.Id, null));
    }

    private async Task ReportAsync(string userId, ClientFrame frame)
    {
        var target = OptionalEnum<ReportTarget>(frame, "target") ?? throw new FrameException(ErrorCodes.InvalidField,
            $"'target' is required: one of {WireNames.All<ReportTarget>()}.", "target") { ReplyTo = frame.Id };
        var reason = OptionalEnum<ReportReason>(frame, "reason") ?? throw new FrameException(ErrorCodes.InvalidField,
            $"'reason' is required: one of {WireNames.All<ReportReason>()}.", "reason") { ReplyTo = frame.Id };
        var conversationId = frame.OptionalString("conversationId", MaxIdLength);
        if (conversationId is not null && !ConversationIds.IsWellFormed(conversationId))
        {
            throw new FrameException(ErrorCodes.InvalidField, "'conversationId' is not a conversation id.", "conversationId") { ReplyTo = frame.Id };
        }

        var accountId = frame.OptionalString("userId", MaxIdLength) is not null || frame.OptionalString("handle", Validation.HandleRules.MaxLength) is not null
            ? await ResolveUserAsync(frame)
            : null;
        var draft = new ReportDraft(target, conversationId, frame.OptionalSeq("seq"), accountId, reason,
            frame.OptionalString("note", ReportRules.MaxNoteLength), frame.OptionalSeqList("evidence", ReportRules.MaxEvidence), frame.OptionalBool("block") ?? false);
        var result = await _cluster.GetGrain<IReportsGrain>(0).FileAsync(userId, draft);
        Send(result.Status switch
        {
            ReportStatus.Ok => new ReportedFrame(result.ReportId!, result.Blocked) { ReplyTo = frame.Id },
            ReportStatus.NotFound => new ErrorFrame(ErrorCodes.NotFound, "No such conversation or message.") { ReplyTo = frame.Id },
            ReportStatus.UserNotFound => new ErrorFrame(ErrorCodes.UserNotFound, "No such user.") { ReplyTo = frame.Id },
            ReportStatus.RateLimited => new ErrorFrame(ErrorCodes.RateLimited, "Too many reports; retry after 'retryAfterMs'.", RetryAfterMs: RetryMs(result.RetryAfter)) { ReplyTo = frame.Id },
            _ => new ErrorFrame(ErrorCodes.InvalidReport,
                "A message report needs 'conversationId' and 'seq' of someone else's message; a conversation report needs 'conversationId'; an account "
                + $"report needs another user; 'evidence' needs 'conversationId' and holds at most {ReportRules.MaxEvidence} distinct messages.") { ReplyTo = frame.Id },
        });
    }

    private static TEnum? OptionalEnum<TEnum>(ClientFrame frame, string field)
        where TEnum : struct, Enum
    {
        if (frame.OptionalString(field, 64) is not { } text)
        {
            return null;
        }

        return WireNames.TryParse<TEnum>(text, out var value)
            ? value
            : throw new FrameException(ErrorCodes.InvalidField, $"'{field}' must be one of {WireNames.All<TEnum>()}.", field) { ReplyTo = frame.Id };
    }

    private static ErrorFrame Error(SocialStatus status, string? replyTo, TimeSpan? retryAfter)
    {
        var (code, message) = status switch
        {
            SocialStatus.UserNotFound => (ErrorCodes.UserNotFound, "No such user."),
            SocialStatus.CannotTargetSelf => (ErrorCodes.CannotTargetSelf, "You cannot do that to yourself."),
            SocialStatus.LimitReached => (ErrorCodes.LimitReached, "The list is full."),
            SocialStatus.RateLimited => (ErrorCodes.RateLimited, "Too many requests; retry after 'retryAfterMs'."),
            SocialStatus.NotAllowed => (ErrorCodes.BlockedByYou, "You blocked this account; unblock it first."),
            SocialStatus.InvalidWord => (ErrorCodes.InvalidWord,
                $"Hidden words have 1 to {HiddenWords.MaxWordLength} characters and no control characters; at most {HiddenWords.MaxWordsPerUpdate} per update."),
            SocialStatus.InvalidQuery => (ErrorCodes.InvalidQuery, "The request is not valid."),
            _ => (ErrorCodes.Unavailable, "The request could not be completed; retry it."),
        };
        return new ErrorFrame(code, message, RetryAfterMs: RetryMs(retryAfter)) { ReplyTo = replyTo };
    }
}
