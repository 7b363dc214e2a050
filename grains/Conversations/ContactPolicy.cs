using OrleansDirect.Inbox;
using OrleansDirect.Social;

namespace OrleansDirect.Conversations;

/// <summary>
/// The privacy rules of messaging, as pure functions of both users' stances (see docs/privacy.md). Conversations gather
/// the facts from each user's social grain and apply these rules; unit tests cover every branch without a cluster.
/// </summary>
internal static class ContactPolicy
{
    /// <summary>
    /// Where first contact from a sender lands for a recipient who has not accepted the conversation.
    /// <paramref name="recipient"/> is the recipient's stance toward the sender; <paramref name="sender"/> the sender's
    /// toward the recipient.
    /// </summary>
    public static Admission Admit(Stance recipient, Stance sender, DateTimeOffset now, TimeSpan newAccountAge)
    {
        var isNew = recipient.Settings.NewAccountsNeedApproval && now - sender.AccountCreatedAt < newAccountAge;
        if (recipient.Follows)
        {
            // Accounts I follow reach my inbox, except under "mutuals", which admits nobody who does not follow me back.
            if (recipient.Settings.WhoCanMessage == WhoCanMessage.Mutuals && !sender.Follows)
            {
                return Admission.Refused;
            }

            return isNew ? Admission.Request : Admission.Inbox;
        }

        return recipient.Settings.WhoCanMessage switch
        {
            WhoCanMessage.Everyone => Admission.Request,
            WhoCanMessage.Followers when sender.Follows => Admission.Request,
            _ => Admission.Refused,
        };
    }

    /// <summary>
    /// Whether a message from the sender may be posted, and how, given the recipient member's state. A block in either
    /// direction stops it; the blocked side hears the same answer as for an account that does not accept messages.
    /// </summary>
    public static PostDecision DecidePost(Stance sender, Stance recipient, MemberState recipientMember, DateTimeOffset now, TimeSpan newAccountAge)
    {
        if (sender.Blocks)
        {
            return PostDecision.BlockedByYou;
        }

        if (recipient.Blocks)
        {
            return PostDecision.CannotMessage;
        }

        if (recipientMember.Status == MemberStatus.Accepted)
        {
            return PostDecision.Deliver;
        }

        return Admit(recipient, sender, now, newAccountAge) switch
        {
            Admission.Inbox => PostDecision.AcceptAndDeliver,
            Admission.Request when recipientMember.Status == MemberStatus.Pending && recipientMember.RequestSeq == 0 => PostDecision.DeliverAsRequest,
            Admission.Request => PostDecision.RequestPending,
            _ => PostDecision.CannotMessage,
        };
    }

    /// <summary>
    /// Whether what <paramref name="actor"/> does (reading, typing) is shown to <paramref name="viewer"/>. Each stance is
    /// toward the other. Never in requests, never across a block, never to someone the actor restricts; the actor's
    /// mode must be <see cref="ReceiptMode.On"/> and the viewer's not <see cref="ReceiptMode.Off"/> (off is reciprocal).
    /// </summary>
    public static bool ShareActivity(Stance actor, Stance viewer, MemberState actorMember, MemberState viewerMember) =>
        actorMember.Status == MemberStatus.Accepted && viewerMember.Status == MemberStatus.Accepted
        && !actor.Blocks && !viewer.Blocks && !actor.Restricts
        && actor.Settings.ReadReceipts == ReceiptMode.On && viewer.Settings.ReadReceipts != ReceiptMode.Off;

    /// <summary>Where the conversation sits for a member.</summary>
    public static InboxFolder FolderOf(MemberState member) =>
        member.Status != MemberStatus.Accepted ? (member.HiddenRequest ? InboxFolder.HiddenRequests : InboxFolder.Requests)
        : member.Restricts ? InboxFolder.Requests
        : InboxFolder.Inbox;

    /// <summary>
    /// A message as <paramref name="viewer"/> may see it: link previews only for viewers who want them and never on
    /// requests; text masked while the viewer's copy is a hidden request. The sender always sees their own message.
    /// </summary>
    public static ChatMessage ForViewer(ChatMessage message, MemberState viewer, bool viewerWantsPreviews)
    {
        // Who deleted a message for themselves is nobody else's business, nor anyone's copy.
        if (message.HiddenFor is not null)
        {
            message = message with { HiddenFor = null };
        }

        if (message.SenderId == viewer.UserId)
        {
            return message;
        }

        if (viewer.Status != MemberStatus.Accepted && viewer.HiddenRequest)
        {
            return message with { Text = "", LinkPreview = null, Edits = null, Masked = true };
        }

        // Requests never carry previews: neither a request's message, nor anything a member sees before accepting.
        return message.LinkPreview is not null && (!viewerWantsPreviews || message.SentAsRequest || viewer.Status != MemberStatus.Accepted)
            ? message with { LinkPreview = null }
            : message;
    }

    /// <summary>
    /// In a group, what a member blocked stays out of other members' messages too: reactions by people in
    /// <paramref name="blocked"/> are left out of the viewer's copy, and a quote of a message by one of them is shown
    /// as unavailable (as for a message the viewer may not read).
    /// </summary>
    public static ChatMessage WithoutBlocked(ChatMessage copy, IReadOnlySet<string> blocked)
    {
        if (blocked.Count == 0)
        {
            return copy;
        }

        var reactions = copy.Reactions is { } all && all.Any(r => blocked.Contains(r.UserId))
            ? [.. all.Where(r => !blocked.Contains(r.UserId))]
            : copy.Reactions;
        var quote = copy.Quote is { SenderId: { } quoted } q && blocked.Contains(quoted) ? new Quote(q.Seq, null, null, true) : copy.Quote;
        return copy with { Reactions = reactions is { Count: > 0 } ? reactions : null, Quote = quote };
    }

    /// <summary>The other people whose content appears inside <paramref name="message"/>: its reactors and the author of its quote.</summary>
    public static IEnumerable<string> PeopleInside(ChatMessage message) =>
        (message.Reactions ?? []).Select(r => r.UserId).Concat(message.Quote?.SenderId is { } quoted ? [quoted] : []);
}

/// <summary>Where first contact lands.</summary>
internal enum Admission
{
    /// <summary>Straight to the inbox, with full messaging.</summary>
    Inbox,

    /// <summary>To Requests, one text message only until accepted.</summary>
    Request,

    /// <summary>Not at all.</summary>
    Refused,
}

/// <summary>What happens to a post.</summary>
internal enum PostDecision
{
    /// <summary>Delivered normally.</summary>
    Deliver,

    /// <summary>The recipient is admitted to full messaging by this message (they follow the sender now).</summary>
    AcceptAndDeliver,

    /// <summary>Delivered as the one message of a request.</summary>
    DeliverAsRequest,

    /// <summary>The request already carries its one message, or was declined.</summary>
    RequestPending,

    /// <summary>The recipient does not accept messages from the sender (setting or block).</summary>
    CannotMessage,

    /// <summary>The sender blocked the recipient.</summary>
    BlockedByYou,
}
