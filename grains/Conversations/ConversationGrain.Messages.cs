using OrleansDirect.Inbox;
using OrleansDirect.Streams;
using OrleansDirect.Validation;

namespace OrleansDirect.Conversations;

// Changes to stored messages: unsend, delete for me, reactions, edits, and the quotes of replies. Every change
// rewrites the stored message (content removed means removed from storage, not flagged), then tells the members.
public sealed partial class ConversationGrain
{
    public async Task<ConversationStatus> UnsendAsync(string callerId, long seq)
    {
        var (status, _, message) = await LoadForChangeAsync(callerId, seq);
        if (status != ConversationStatus.Ok)
        {
            return status;
        }

        if (message!.SenderId != callerId)
        {
            return ConversationStatus.NotYourMessage;
        }

        await StoreAndAnnounceAsync(Tombstone(message), deletedPreview: true, message.Media);
        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> DeleteForMeAsync(string callerId, long seq)
    {
        var (status, member, message) = await LoadForChangeAsync(callerId, seq);
        if (status != ConversationStatus.Ok)
        {
            return status;
        }

        List<string> hiddenFor = [.. message!.HiddenFor ?? [], callerId];
        if (state.State.Members.Where(m => !m.Unlisted && seq > m.JoinedAfterSeq).All(m => hiddenFor.Contains(m.UserId)))
        {
            // Every member who can see it deleted it: nothing of it is kept, and the tombstone stays hidden from them.
            await StoreAndAnnounceAsync(Tombstone(message) with { HiddenFor = hiddenFor }, deletedPreview: true, message.Media);
        }
        else
        {
            await StoreAsync(message with { HiddenFor = hiddenFor });
        }

        await UpdateInboxAsync(member!, new MessagePreview(seq, message.SenderId, "", Deleted: true), readSeq: null);
        await PublishAsync(callerId, new MessageRemoved(ConversationId, seq));
        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> ReactAsync(string callerId, long seq, string? emoji)
    {
        if (emoji is not null && !MessageRules.IsValidReaction(emoji))
        {
            return ConversationStatus.InvalidReaction;
        }

        var (status, member, message) = await LoadForChangeAsync(callerId, seq);
        if (status != ConversationStatus.Ok)
        {
            return status;
        }

        // A reaction would tell the sender that a request was seen.
        if (member!.Status != MemberStatus.Accepted)
        {
            return ConversationStatus.RequestPending;
        }

        if (await DirectBlockAsync(callerId) is { } blocked)
        {
            return blocked;
        }

        List<Reaction> reactions = [.. (message!.Reactions ?? []).Where(r => r.UserId != callerId)];
        if (emoji is not null)
        {
            reactions.Add(new Reaction(callerId, emoji));
        }

        await StoreAndAnnounceAsync(message with { Reactions = reactions.Count > 0 ? reactions : null }, deletedPreview: false, actorId: callerId);
        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> EditAsync(string callerId, long seq, string text)
    {
        var textStatus = MessageRules.CheckDraft("edit", text);
        if (textStatus != ConversationStatus.Ok)
        {
            return textStatus;
        }

        var (status, _, message) = await LoadForChangeAsync(callerId, seq);
        if (status != ConversationStatus.Ok)
        {
            return status;
        }

        if (message!.SenderId != callerId)
        {
            return ConversationStatus.NotYourMessage;
        }

        if (await DirectBlockAsync(callerId) is { } blocked)
        {
            return blocked;
        }

        var now = clock.GetUtcNow();
        if (!MessageRules.IsWithinEditWindow(message.SentAt, now))
        {
            return ConversationStatus.EditWindowClosed;
        }

        if (message.Text == text)
        {
            return ConversationStatus.Ok;
        }

        if ((message.Edits?.Count ?? 0) >= MessageRules.MaxEdits)
        {
            return ConversationStatus.TooManyEdits;
        }

        // A preview whose link the new text no longer contains goes with it.
        var preview = message.LinkPreview is { } p && LinkPreviewRules.IsValid(p, text) ? p : null;
        var edited = message with { Text = text, LinkPreview = preview, Edits = [.. message.Edits ?? [], new MessageEdit(message.Text, now)] };
        await StoreAndAnnounceAsync(edited, deletedPreview: false);
        return ConversationStatus.Ok;
    }

    /// <summary>
    /// Checks that a reply's target is a message the sender may read now (in a group, not one by someone the sender
    /// blocked: that is withheld from them).
    /// </summary>
    private async Task<bool> CanQuoteAsync(MemberState sender, long replyToSeq) =>
        replyToSeq > sender.JoinedAfterSeq && replyToSeq <= state.State.LastSeq
        && await ReadOneAsync(replyToSeq) is { Deleted: false, Event: null } original
        && original.HiddenFor?.Contains(sender.UserId) != true
        && !await WithheldInGroupAsync(sender.UserId, original.SenderId);

    /// <summary>
    /// Fills in the quote of each reply, as <paramref name="viewer"/> may see the original now (reading originals that
    /// are not among <paramref name="messages"/>).
    /// </summary>
    private async Task<List<ChatMessage>> WithQuotesAsync(IReadOnlyList<ChatMessage> messages, MemberState viewer)
    {
        var wanted = messages.Where(m => m.ReplyToSeq is not null).Select(m => m.ReplyToSeq!.Value).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [.. messages];
        }

        var originals = messages.ToDictionary(m => m.Seq);
        foreach (var seq in wanted.Where(s => !originals.ContainsKey(s)))
        {
            if (await ReadOneAsync(seq) is { } original)
            {
                originals[seq] = original;
            }
        }

        return [.. messages.Select(m => m.ReplyToSeq is { } target ? m with { Quote = QuoteFor(originals.GetValueOrDefault(target), target, viewer) } : m)];
    }

    private static Quote QuoteFor(ChatMessage? original, long seq, MemberState viewer)
    {
        var visible = original is { Deleted: false, Event: null } && seq > viewer.JoinedAfterSeq
            && original.HiddenFor?.Contains(viewer.UserId) != true
            && !(viewer.Status != MemberStatus.Accepted && viewer.HiddenRequest && original.SenderId != viewer.UserId);
        return visible ? new Quote(seq, original!.SenderId, Shorten(original.Text), false) : new Quote(seq, null, null, true);
    }

    /// <summary>A message the caller may change or react to, or why not.</summary>
    private async Task<(ConversationStatus Status, MemberState? Member, ChatMessage? Message)> LoadForChangeAsync(string callerId, long seq)
    {
        if (ConversationPolicy.FindListed(state.State, callerId) is not { } member)
        {
            return (ConversationStatus.NotFound, null, null);
        }

        if (seq <= member.JoinedAfterSeq || seq > state.State.LastSeq
            || await ReadOneAsync(seq) is not { Deleted: false, Event: null } message
            || message.HiddenFor?.Contains(callerId) == true)
        {
            return (ConversationStatus.MessageNotFound, member, null);
        }

        // In a group, a message by someone the caller blocked is withheld from them: it is not there to change either.
        if (await WithheldInGroupAsync(callerId, message.SenderId))
        {
            return (ConversationStatus.MessageNotFound, member, null);
        }

        return (ConversationStatus.Ok, member, message);
    }

    private async Task<ChatMessage?> ReadOneAsync(long seq) =>
        (await GrainFactory.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(ConversationId, seq)).ReadAsync(seq, seq)) is [var m] ? Live(m, clock.GetUtcNow()) : null;

    /// <summary>
    /// Stores a message in its history segment. Callers change this grain's state in memory around it; if the write
    /// fails, the activation is discarded so that none of those changes outlives the failed call (as with
    /// <see cref="PersistAsync"/>).
    /// </summary>
    private async Task StoreAsync(ChatMessage message)
    {
        try
        {
            await GrainFactory.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(ConversationId, message.Seq)).AppendAsync(message);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>The contentless record an unsent or fully deleted message leaves in the history.</summary>
    private static ChatMessage Tombstone(ChatMessage message) =>
        new(message.Seq, message.SenderId, message.ClientMessageId, "", message.SentAt, Deleted: true);

    /// <summary>
    /// Stores the changed message, then sends each member who may see it their copy of it. In a group, a member who
    /// blocked <paramref name="actorId"/> (the member whose reaction this change is) is not told of it.
    /// </summary>
    private async Task StoreAndAnnounceAsync(ChatMessage changed, bool deletedPreview, MediaRef? removedMedia = null, string? actorId = null)
    {
        await StoreAsync(changed);
        if (removedMedia is not null)
        {
            // The message no longer refers to it, so nobody can open it; now its bytes go too.
            await GrainFactory.GetGrain<Media.IMediaAttachment>(removedMedia.MediaId).DeleteAsync();
        }

        var group = state.State.Kind == ConversationKind.Group;
        var original = changed.ReplyToSeq is { } replyTo ? await ReadOneAsync(replyTo) : null;
        var recipients = state.State.Members
            .Where(m => !m.Unlisted && changed.Seq > m.JoinedAfterSeq && changed.HiddenFor?.Contains(m.UserId) != true).ToList();
        await Task.WhenAll(recipients.Select(async m =>
        {
            // The same shaping as for the original: previews per the viewer's setting, nothing to a member who blocked
            // the sender in a group (they never got the message).
            var wantsPreviews = true;
            if (m.UserId != changed.SenderId && (group || changed.LinkPreview is not null))
            {
                var stance = await GrainFactory.GetGrain<Social.IContactGate>(m.UserId).GetStanceAsync(changed.SenderId, Social.RateCost.None);
                if (group && stance.Blocks)
                {
                    return;
                }

                wantsPreviews = stance.Settings.LinkPreviews;
            }

            var copy = ContactPolicy.ForViewer(changed, m, wantsPreviews);
            if (changed.ReplyToSeq is { } target)
            {
                copy = copy with { Quote = QuoteFor(original, target, m) };
            }

            if (group)
            {
                // A member who blocked the reactor is not told; reactions by, and quotes of, people a member blocked
                // are left out of their copy.
                if (await WithoutBlockedForAsync(copy, m.UserId, actorId) is not { } shown)
                {
                    return;
                }

                copy = shown;
            }

            if (deletedPreview)
            {
                await UpdateInboxAsync(m, new MessagePreview(changed.Seq, changed.SenderId, "", Deleted: true), readSeq: null);
            }
            else if (changed.Event is null && !copy.Masked)
            {
                await UpdateInboxAsync(m, PreviewOf(copy), readSeq: null);
            }

            await PublishAsync(m.UserId, new MessageUpdated(ConversationId, copy));
        }));
    }

    public async Task<bool> CanSeeMediaAsync(string callerId, long seq, string mediaId)
    {
        if (ConversationPolicy.FindReader(state.State, callerId) is not { } member
            || seq <= member.JoinedAfterSeq || seq > (member.LeftAtSeq > 0 ? member.LeftAtSeq : state.State.LastSeq)
            || await ReadOneAsync(seq) is not { Deleted: false, Media: { } media } message
            || media.MediaId != mediaId || message.HiddenFor?.Contains(callerId) == true)
        {
            return false;
        }

        if (message.SenderId == callerId)
        {
            return true;
        }

        // Withheld in a group from a member who blocked the sender; masked in a hidden request until accepted.
        if (ContactPolicy.ForViewer(message, member, viewerWantsPreviews: false).Masked)
        {
            return false;
        }

        return !await WithheldInGroupAsync(callerId, message.SenderId);
    }

    /// <summary>Binds the draft's medium to the message about to be stored; null when the draft has none.</summary>
    private async Task<(ConversationStatus Status, MediaRef? Media)> AttachMediaAsync(string senderId, MessageDraft draft, long seq)
    {
        if (draft.MediaId is not { } mediaId)
        {
            return (ConversationStatus.Ok, null);
        }

        var recipients = state.State.Members.Where(m => m.UserId != senderId).Select(m => m.UserId).ToList();
        var info = await GrainFactory.GetGrain<Media.IMediaAttachment>(mediaId).AttachAsync(senderId, ConversationId, seq, draft.ViewOnce, recipients);
        return info is null
            ? (ConversationStatus.MediaNotFound, null)
            : (ConversationStatus.Ok, new MediaRef(info.MediaId, info.Kind, info.ContentType, info.Size, draft.ViewOnce));
    }

    /// <summary>
    /// In a 1:1 conversation, a block either way stops changes too (reactions, edits, the disappearing mode): the
    /// blocker is told <see cref="ConversationStatus.BlockedByYou"/>, the blocked side the same as for a refused message.
    /// </summary>
    private async Task<ConversationStatus?> DirectBlockAsync(string callerId)
    {
        if (state.State.Kind != ConversationKind.Direct || state.State.Members.Find(m => m.UserId != callerId) is not { } other)
        {
            return null;
        }

        var (mine, theirs) = await StancesAsync(callerId, other.UserId, Social.RateCost.None);
        return mine.Blocks ? ConversationStatus.BlockedByYou : theirs.Blocks ? ConversationStatus.CannotMessage : null;
    }
}
