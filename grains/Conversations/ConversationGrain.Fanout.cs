using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansDirect.Inbox;
using OrleansDirect.Social;
using OrleansDirect.Streams;

namespace OrleansDirect.Conversations;

// Fan-out: after a change is durable, each listed member's inbox is updated, and only then does an event go to each
// member's own stream. The order matters for catch-up: a gateway subscribes a user's stream before its sync reads the
// inbox, so a message that the inbox did not show yet is still published after the subscription and arrives live.
// Both steps are best effort: the message is already stored, and a lost stream event is recovered by catch-up.
// Every member gets their own copy, shaped by ContactPolicy.ForViewer: nothing a member may not see leaves the grain.
public sealed partial class ConversationGrain
{
    /// <param name="message">The stored message.</param>
    /// <param name="known">Recipients' stances toward the sender, where the caller already has them.</param>
    /// <param name="alsoTo">Former members who get this one last message (the record of their own leaving).</param>
    private async Task FanOutAsync(ChatMessage message, IReadOnlyDictionary<string, Stance>? known, IReadOnlyList<MemberState>? alsoTo = null)
    {
        var recipients = state.State.Members.Where(m => !m.Unlisted).Concat(alsoTo ?? []).ToList();

        // A recipient's stance toward the sender decides link previews and, in a group, whether they blocked the sender
        // (then the message is withheld from them). System messages go to everyone.
        var group = state.State.Kind == ConversationKind.Group;
        var needStances = message.Event is null && (group || message.LinkPreview is not null);
        var stances = needStances
            ? await Task.WhenAll(recipients.Where(m => m.UserId != message.SenderId).Select(async m =>
                (m.UserId, Stance: known?.GetValueOrDefault(m.UserId)
                    ?? await GrainFactory.GetGrain<IContactGate>(m.UserId).GetStanceAsync(message.SenderId, RateCost.None))))
            : [];
        var byUser = stances.ToDictionary(s => s.UserId, s => s.Stance);

        // A reply's original is read once; each recipient's quote is then shaped from it.
        var original = message.ReplyToSeq is { } replyTo ? await ReadOneAsync(replyTo) : null;
        List<(MemberState Member, ChatMessage Copy)> shaped = [];
        foreach (var member in recipients)
        {
            var stance = byUser.GetValueOrDefault(member.UserId);
            if (group && stance is { Blocks: true })
            {
                continue;
            }

            var copy = ContactPolicy.ForViewer(message, member, stance?.Settings.LinkPreviews ?? true);
            shaped.Add((member, message.ReplyToSeq is { } target ? copy with { Quote = QuoteFor(original, target, member) } : copy));
        }

        // In a group, the quote of an author a recipient blocked, and reactions by people they blocked (a message resent
        // after a retried send carries its reactions), are taken out of that recipient's copy.
        var deliveries = group
            ? [.. await Task.WhenAll(shaped.Select(async d => (d.Member, Copy: (await WithoutBlockedForAsync(d.Copy, d.Member.UserId))!)))]
            : shaped;

        await Task.WhenAll(deliveries.Select(d => UpdateInboxAsync(d.Member, message.Event is null ? PreviewOf(d.Copy) : null,
            d.Member.UserId == message.SenderId && message.Event is null ? message.Seq : null)));
        await Task.WhenAll(deliveries.Select(d => PublishAsync(d.Member.UserId, new MessagePosted(ConversationId, d.Copy, ContactPolicy.FolderOf(d.Member), d.Member.Muted))));
    }

    /// <summary>
    /// A group member's copy without the reactions and quotes of people they blocked, in one block-list read; null when
    /// they blocked <paramref name="actorId"/> (the member whose reaction the change is): they are told nothing. The
    /// message's own sender is handled by the callers: a member who blocked them gets no copy at all.
    /// </summary>
    private async Task<ChatMessage?> WithoutBlockedForAsync(ChatMessage copy, string viewerId, string? actorId = null)
    {
        var people = ContactPolicy.PeopleInside(copy).Concat(actorId is null ? [] : [actorId])
            .Where(id => id != viewerId && id != copy.SenderId).Distinct().ToList();
        if (people.Count == 0)
        {
            return copy;
        }

        var blocked = (await GrainFactory.GetGrain<IContactGate>(viewerId).GetBlockedAmongAsync(people)).ToHashSet();
        return actorId is not null && blocked.Contains(actorId) ? null : ContactPolicy.WithoutBlocked(copy, blocked);
    }

    /// <summary>In a group, whether <paramref name="viewerId"/> blocked <paramref name="authorId"/>, whose content is then withheld from them.</summary>
    private async Task<bool> WithheldInGroupAsync(string viewerId, string authorId) =>
        state.State.Kind == ConversationKind.Group && authorId != viewerId
        && (await GrainFactory.GetGrain<IContactGate>(viewerId).GetBlockedAmongAsync([authorId])).Count > 0;

    private static MessagePreview PreviewOf(ChatMessage message) =>
        message.Masked ? new MessagePreview(message.Seq, message.SenderId, "", Masked: true) : new MessagePreview(message.Seq, message.SenderId, Shorten(message.Text));

    /// <summary>The first <see cref="MessagePreview.MaxLength"/> characters, never splitting a surrogate pair.</summary>
    internal static string Shorten(string text)
    {
        if (text.Length <= MessagePreview.MaxLength)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[MessagePreview.MaxLength - 1]) ? MessagePreview.MaxLength - 1 : MessagePreview.MaxLength;
        return text[..length];
    }

    /// <summary>
    /// Tells members (by default every listed one) that they are in the conversation; in a group, each one's view names
    /// the members they blocked (the warning on joining).
    /// </summary>
    private async Task AnnounceStartedAsync(IReadOnlyList<MemberState>? members = null)
    {
        members ??= state.State.Members.Where(m => !m.Unlisted).ToList();
        await Task.WhenAll(members.Select(m => UpdateInboxAsync(m, preview: null, readSeq: null)));
        await Task.WhenAll(members.Select(async m => await PublishAsync(m.UserId, new ConversationStarted(View(m, await BlockedMembersAsync(m))))));
    }

    /// <summary>Tells a member's own devices that their view changed (folder, mute), with the preview they may now see.</summary>
    private async Task AnnounceUpdatedAsync(MemberState member, MessagePreview? preview = null)
    {
        if (member.Unlisted)
        {
            return; // never told of the conversation (or declined it): nothing to update, nothing to disclose
        }

        await UpdateInboxAsync(member, preview, readSeq: null);
        await PublishAsync(member.UserId, new ConversationUpdated(View(member)));
    }

    /// <summary>Takes the conversation out of a member's lists.</summary>
    private async Task AnnounceRemovedAsync(MemberState member)
    {
        await ApplyInboxAsync(member.UserId, new InboxUpdate(ConversationId, state.State.Kind, [], state.State.LastSeq, state.State.LastActivityAt, null, null, Remove: true));
        await PublishAsync(member.UserId, new ConversationRemoved(ConversationId));
    }

    /// <summary>
    /// A member's new read marker: to their own devices unless their receipts are off, and to each other member whom
    /// <see cref="ContactPolicy.ShareActivity"/> allows.
    /// </summary>
    private async Task AnnounceReadAsync(MemberState reader)
    {
        var marker = new ReadMarkerChanged(ConversationId, reader.UserId, reader.ReadSeq);
        var mode = (await GrainFactory.GetGrain<IContactGate>(reader.UserId).GetStanceAsync("", RateCost.None)).Settings.ReadReceipts;
        if (mode != ReceiptMode.Off)
        {
            await PublishAsync(reader.UserId, marker);
        }

        if (mode != ReceiptMode.On)
        {
            return;
        }

        await Task.WhenAll(state.State.Members.Where(m => m.UserId != reader.UserId && !m.Unlisted).Select(async other =>
        {
            var (mine, theirs) = await StancesAsync(reader.UserId, other.UserId, RateCost.None);
            if (ContactPolicy.ShareActivity(mine, theirs, reader, other))
            {
                await PublishAsync(other.UserId, marker);
            }
        }));
    }

    private Task UpdateInboxAsync(MemberState member, MessagePreview? preview, long? readSeq)
    {
        if (member.Unlisted)
        {
            return Task.CompletedTask;
        }

        var others = state.State.Members.Where(m => m.UserId != member.UserId).Select(m => m.UserId).ToList();
        return ApplyInboxAsync(member.UserId, new InboxUpdate(ConversationId, state.State.Kind, others,
            member.LeftAtSeq > 0 ? member.LeftAtSeq : state.State.LastSeq, state.State.LastActivityAt,
            preview, readSeq, ContactPolicy.FolderOf(member), member.Muted, Name: state.State.Name));
    }

    private async Task ApplyInboxAsync(string userId, InboxUpdate update)
    {
        // Updates are idempotent (sequence numbers only move forward), so one retry is safe.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await GrainFactory.GetGrain<IInboxUpdater>(userId).ApplyAsync(update);
                return;
            }
            catch (Exception ex) when (attempt < 2)
            {
                LogInboxUpdateRetry(logger, ex, ConversationId, userId);
            }
            catch (Exception ex)
            {
                LogInboxUpdateFailed(logger, ex, ConversationId, userId);
                return;
            }
        }
    }

    private async Task PublishAsync(string userId, UserEvent evt)
    {
        try
        {
            var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(userId));
            await stream.OnNextAsync(evt);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, ConversationId, userId);
        }
    }

    [LoggerMessage(EventId = 1251, Level = LogLevel.Warning, Message = "Inbox update from {ConversationId} to {UserId} failed")]
    private static partial void LogInboxUpdateFailed(ILogger logger, Exception exception, string conversationId, string userId);

    [LoggerMessage(EventId = 1253, Level = LogLevel.Information, Message = "Inbox update from {ConversationId} to {UserId} failed once; retrying")]
    private static partial void LogInboxUpdateRetry(ILogger logger, Exception exception, string conversationId, string userId);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Warning, Message = "Stream publish from {ConversationId} to {UserId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string conversationId, string userId);
}
