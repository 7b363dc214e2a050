using OrleansDirect.Inbox;
using OrleansDirect.Social;
using OrleansDirect.Streams;

namespace OrleansDirect.Conversations;

// Message requests, mute, typing, and what the rest of the silo pushes or asks (blocks, restrictions, report evidence).
public sealed partial class ConversationGrain
{
    public async Task<ConversationStatus> AcceptRequestAsync(string callerId)
    {
        if (ConversationPolicy.FindListed(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        if (member.Status != MemberStatus.Accepted)
        {
            await AcceptAsync(member);
        }

        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> DeclineRequestAsync(string callerId)
    {
        if (ConversationPolicy.FindListed(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        if (member.Status == MemberStatus.Accepted)
        {
            return ConversationStatus.NoRequest;
        }

        if (state.State.Kind == ConversationKind.Group)
        {
            // Declining a group request is leaving the group: the others see it in the history.
            return await LeaveAsync(callerId);
        }

        await DeclineAsync(member);
        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> SetMutedAsync(string callerId, bool muted)
    {
        if (ConversationPolicy.FindListed(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        if (member.Muted != muted)
        {
            member.Muted = muted;
            await PersistAsync();
            await AnnounceUpdatedAsync(member);
        }

        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> SetTypingAsync(string callerId, bool active)
    {
        if (ConversationPolicy.FindListed(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        var others = state.State.Members.Where(m => m.UserId != callerId && !m.Unlisted).ToList();
        if (others.Count == 0)
        {
            return ConversationStatus.Ok;
        }

        if ((await GrainFactory.GetGrain<IContactGate>(callerId).GetStanceAsync("", RateCost.Typing)).RateLimitedFor is not null)
        {
            return ConversationStatus.RateLimited;
        }

        var typing = new TypingChanged(ConversationId, callerId, active);
        await Task.WhenAll(others.Select(async other =>
        {
            var (mine, theirs) = await StancesAsync(callerId, other.UserId, RateCost.None);
            if (ContactPolicy.ShareActivity(mine, theirs, member, other))
            {
                await PublishAsync(other.UserId, typing);
            }
        }));
        return ConversationStatus.Ok;
    }

    public async Task RelationChangedAsync(string userId, bool blocks, bool restricts)
    {
        if (ConversationPolicy.FindMember(state.State, userId) is not { } member)
        {
            return;
        }

        if (blocks && member.Status == MemberStatus.Pending)
        {
            // Blocking from a request declines it.
            member.Restricts = restricts;
            await DeclineAsync(member);
            return;
        }

        if (member.Restricts != restricts)
        {
            member.Restricts = restricts;
            await PersistAsync();
            await AnnounceUpdatedAsync(member);
        }
    }

    public async Task<EvidenceResult> GetEvidenceAsync(string callerId, IReadOnlyList<long> seqs)
    {
        var others = state.State.Members.Where(m => m.UserId != callerId).Select(m => m.UserId).ToList();
        if (ConversationPolicy.FindReader(state.State, callerId) is not { } member
            || seqs.Any(s => s <= member.JoinedAfterSeq || s > (member.LeftAtSeq > 0 ? member.LeftAtSeq : state.State.LastSeq)))
        {
            return new EvidenceResult(false, [], []);
        }

        List<ChatMessage> messages = [];
        foreach (var seq in seqs.Order())
        {
            // A message the reporter deleted for themselves is not theirs to hand over any more.
            var found = await ReadAsync(seq, seq);
            if (found.Exists(m => m.HiddenFor?.Contains(callerId) == true))
            {
                return new EvidenceResult(false, [], []);
            }

            messages.AddRange(found.Select(m => m with { HiddenFor = null }));
        }

        return new EvidenceResult(true, messages, others);
    }

    private async Task AcceptAsync(MemberState member)
    {
        var wasListed = !member.Unlisted;
        Accept(member);
        member.Unlisted = false;
        await PersistAsync();

        // A 1:1 inbox now shows the newest message unmasked (group requests were never masked).
        var newest = state.State.Kind == ConversationKind.Direct && state.State.LastSeq > member.JoinedAfterSeq
            ? await ReadAsync(state.State.LastSeq, state.State.LastSeq)
            : [];
        var preview = newest switch
        {
            [{ Event: null, Deleted: false } last] when last.HiddenFor?.Contains(member.UserId) != true => PreviewOf(ContactPolicy.ForViewer(last, member, viewerWantsPreviews: false)),
            [{ Event: null } last] => new MessagePreview(last.Seq, last.SenderId, "", Deleted: true),
            _ => null,
        };
        if (wasListed)
        {
            await AnnounceUpdatedAsync(member, preview);
        }
        else
        {
            await AnnounceStartedAsync([member]);
            if (preview is not null)
            {
                await UpdateInboxAsync(member, preview, readSeq: null);
            }
        }
    }

    private async Task DeclineAsync(MemberState member)
    {
        var wasListed = !member.Unlisted;
        member.Status = MemberStatus.Declined;
        member.Unlisted = true;
        await PersistAsync();
        if (wasListed)
        {
            await AnnounceRemovedAsync(member);
        }
    }
}
