using Microsoft.Extensions.Logging;
using OrleansDirect.Social;
using OrleansDirect.Streams;

namespace OrleansDirect.Conversations;

// Groups: creation, membership, roles and settings. Every change is a system message in the history (so members see
// changes in order with the messages around them), and takes effect before the call returns: a member who leaves or
// is removed gets the record of it as their last event and nothing after.
public sealed partial class ConversationGrain
{
    /// <summary>Most former members remembered (for reading history up to the point they left); the oldest go first.</summary>
    internal const int MaxFormerMembers = 1000;

    private int MaxMembers => options.Value.MaxGroupMembers;

    public async Task<GroupChangeResult> CreateGroupAsync(string callerId, string name, IReadOnlyList<string> memberIds)
    {
        if (!ConversationIds.IsGroup(ConversationId) || string.IsNullOrEmpty(callerId))
        {
            return GroupChangeResult.Refused(ConversationStatus.WrongKind);
        }

        if (state.State.Started)
        {
            // Ids are random, so only a retry of the same creation lands here.
            return ConversationPolicy.FindListed(state.State, callerId) is { } me
                ? new GroupChangeResult(ConversationStatus.Ok, View(me), [])
                : GroupChangeResult.Refused(ConversationStatus.NotFound);
        }

        if (!GroupRules.IsValidName(name))
        {
            return GroupChangeResult.Refused(ConversationStatus.InvalidGroupName);
        }

        var others = memberIds.Where(id => id != callerId).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count + 1 > MaxMembers)
        {
            return GroupChangeResult.Refused(ConversationStatus.GroupFull);
        }

        if ((await GrainFactory.GetGrain<IContactGate>(callerId).GetStanceAsync("", RateCost.NewConversation)).RateLimitedFor is { } wait)
        {
            return GroupChangeResult.Refused(ConversationStatus.RateLimited, wait);
        }

        var now = clock.GetUtcNow();
        var admitted = await AdmitAllAsync(callerId, others, now);
        state.State = new ConversationState
        {
            Started = true,
            Kind = ConversationKind.Group,
            Name = name.Trim(),
            CreatedAt = now,
            LastActivityAt = now,
            Members = [new MemberState { UserId = callerId, JoinedAt = now, Admin = true }, .. admitted.Members],
        };
        var created = await AppendSystemAsync(new SystemEvent(SystemEventKind.Created, callerId, admitted.Members.Select(m => m.UserId).ToList(), state.State.Name), now);
        await PersistAsync();
        LogGroupCreated(logger, ConversationId, state.State.Members.Count);

        await AnnounceStartedAsync();
        await FanOutAsync(created, null);
        return new GroupChangeResult(ConversationStatus.Ok, View(state.State.Members[0]), admitted.Outcomes);
    }

    public async Task<GroupChangeResult> AddMembersAsync(string callerId, IReadOnlyList<string> userIds)
    {
        if (GroupMember(callerId, out var caller) is { } refused)
        {
            return GroupChangeResult.Refused(refused);
        }

        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var fresh = ids.Where(id => ConversationPolicy.FindMember(state.State, id) is null).ToList();
        if (!caller.Admin && state.State.ApprovalRequired)
        {
            var proposals = fresh.Where(id => !state.State.PendingAdds.Exists(p => p.UserId == id)).ToList();
            if (state.State.PendingAdds.Count + proposals.Count > MaxMembers)
            {
                return GroupChangeResult.Refused(ConversationStatus.GroupFull);
            }

            var at = clock.GetUtcNow();
            state.State.PendingAdds.AddRange(proposals.Select(id => new PendingAdd(id, callerId, at)));
            await PersistAsync();
            await Task.WhenAll(state.State.Members.Where(m => m.Admin).Select(a => PublishAsync(a.UserId, new ConversationUpdated(View(a)))));
            return new GroupChangeResult(ConversationStatus.Ok, View(caller),
                ids.Select(id => new MemberOutcome(id, fresh.Contains(id) ? AddOutcome.PendingApproval : AddOutcome.AlreadyMember)).ToList());
        }

        if (state.State.Members.Count + fresh.Count > MaxMembers)
        {
            return GroupChangeResult.Refused(ConversationStatus.GroupFull);
        }

        // Adding people to a group reaches them like a message request does, so it draws on the same bucket.
        if (fresh.Count > 0 && (await GrainFactory.GetGrain<IContactGate>(callerId).GetStanceAsync("", RateCost.Request)).RateLimitedFor is { } wait)
        {
            return GroupChangeResult.Refused(ConversationStatus.RateLimited, wait);
        }

        var admitted = await AdmitAllAsync(callerId, fresh, clock.GetUtcNow());
        await AddAdmittedAsync(callerId, admitted.Members);
        var outcomes = ids.Select(id => admitted.Outcomes.FirstOrDefault(o => o.UserId == id) ?? new MemberOutcome(id, AddOutcome.AlreadyMember)).ToList();
        return new GroupChangeResult(ConversationStatus.Ok, View(caller), outcomes);
    }

    public async Task<GroupChangeResult> ReviewAddAsync(string callerId, string userId, bool approve)
    {
        if (GroupAdmin(callerId, out var caller) is { } refused)
        {
            return GroupChangeResult.Refused(refused);
        }

        if (state.State.PendingAdds.Find(p => p.UserId == userId) is not { } pending)
        {
            return GroupChangeResult.Refused(ConversationStatus.NotAMember);
        }

        if (approve && state.State.Members.Count + 1 > MaxMembers)
        {
            return GroupChangeResult.Refused(ConversationStatus.GroupFull);
        }

        state.State.PendingAdds.Remove(pending);
        List<MemberOutcome> outcomes = [];
        if (approve)
        {
            // The add is checked against the privacy rules as the proposer's: it is their invitation.
            var admitted = await AdmitAllAsync(pending.ProposedBy, [userId], clock.GetUtcNow());

            // The proposer's own block of the user is theirs to know, not the approving admin's.
            outcomes = [.. admitted.Outcomes.Select(o => o.Outcome == AddOutcome.BlockedByYou ? o with { Outcome = AddOutcome.CannotAdd } : o)];
            await AddAdmittedAsync(callerId, admitted.Members);
        }
        else
        {
            await PersistAsync();
        }

        await Task.WhenAll(state.State.Members.Where(m => m.Admin).Select(a => PublishAsync(a.UserId, new ConversationUpdated(View(a)))));
        return new GroupChangeResult(ConversationStatus.Ok, View(caller), outcomes);
    }

    public async Task<ConversationStatus> RemoveMemberAsync(string callerId, string userId)
    {
        if (GroupAdmin(callerId, out _) is { } refused)
        {
            return refused;
        }

        if (userId == callerId)
        {
            return await LeaveAsync(callerId);
        }

        if (ConversationPolicy.FindMember(state.State, userId) is not { } target)
        {
            return ConversationStatus.NotAMember;
        }

        await DepartAsync(target, new SystemEvent(SystemEventKind.Removed, callerId, [userId]));
        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> LeaveAsync(string callerId)
    {
        // Membership first: an outsider learns nothing, not even whether a 1:1 conversation exists.
        if (ConversationPolicy.FindMember(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        if (state.State.Kind != ConversationKind.Group)
        {
            return ConversationStatus.WrongKind;
        }

        await DepartAsync(member, new SystemEvent(SystemEventKind.Left, callerId, [callerId]));
        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> SetAdminAsync(string callerId, string userId, bool admin)
    {
        if (GroupAdmin(callerId, out _) is { } refused)
        {
            return refused;
        }

        if (ConversationPolicy.FindMember(state.State, userId) is not { } target)
        {
            return ConversationStatus.NotAMember;
        }

        if (target.Admin == admin)
        {
            return ConversationStatus.Ok;
        }

        if (!admin && state.State.Members.Count(m => m.Admin) == 1)
        {
            return ConversationStatus.LastAdmin;
        }

        target.Admin = admin;
        await RecordAsync(new SystemEvent(admin ? SystemEventKind.Promoted : SystemEventKind.Demoted, callerId, [userId]));
        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> RenameAsync(string callerId, string name)
    {
        if (GroupAdmin(callerId, out _) is { } refused)
        {
            return refused;
        }

        if (!GroupRules.IsValidName(name))
        {
            return ConversationStatus.InvalidGroupName;
        }

        state.State.Name = name.Trim();
        await RecordAsync(new SystemEvent(SystemEventKind.Renamed, callerId, [], state.State.Name));
        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> SetApprovalRequiredAsync(string callerId, bool required)
    {
        if (GroupAdmin(callerId, out _) is { } refused)
        {
            return refused;
        }

        if (state.State.ApprovalRequired != required)
        {
            state.State.ApprovalRequired = required;
            await RecordAsync(new SystemEvent(SystemEventKind.ApprovalChanged, callerId, [], On: required));
        }

        return ConversationStatus.Ok;
    }

    private async Task<PostMessageResult> PostToGroupAsync(MemberState sender, MessageDraft draft)
    {
        var stance = await GrainFactory.GetGrain<IContactGate>(sender.UserId).GetStanceAsync("", RateCost.Message);
        if (stance.RateLimitedFor is { } wait)
        {
            return PostMessageResult.Refused(ConversationStatus.RateLimited, wait);
        }

        if (draft.ReplyToSeq is { } replyTo && !await CanQuoteAsync(sender, replyTo))
        {
            return PostMessageResult.Refused(ConversationStatus.MessageNotFound);
        }

        var (mediaStatus, media) = await AttachMediaAsync(sender.UserId, draft, state.State.LastSeq + 1);
        if (mediaStatus != ConversationStatus.Ok)
        {
            return PostMessageResult.Refused(mediaStatus);
        }

        var message = WithDisappearing(new ChatMessage(state.State.LastSeq + 1, sender.UserId, draft.ClientMessageId, draft.Text, clock.GetUtcNow(), draft.LinkPreview,
            ReplyToSeq: draft.ReplyToSeq, Media: media));
        await StoreAsync(message);
        state.State.LastSeq = message.Seq;
        state.State.LastActivityAt = message.SentAt;
        sender.ReadSeq = message.Seq;
        sender.DeliveredSeq = message.Seq;
        var wasRequest = sender.Status != MemberStatus.Accepted;
        Accept(sender); // posting in a group you were added to accepts it
        Remember(new RecentSend(sender.UserId, draft.ClientMessageId, message.Seq, message.SentAt));
        await PersistAsync();

        LogPosted(logger, message.Seq, ConversationId);
        await ScheduleExpiryAsync();
        if (wasRequest)
        {
            await AnnounceUpdatedAsync(sender);
        }

        await FanOutAsync(message, null);
        return new PostMessageResult(ConversationStatus.Ok, message.Seq, message.SentAt, Duplicate: false);
    }

    /// <summary>
    /// Checks each candidate against the privacy rules as an add by <paramref name="adderId"/>: blocks either way refuse
    /// (the blocked side hears the same as for someone whose settings refuse); people who would not accept a message
    /// request from the adder cannot be added; those who do not follow the adder join with the group in their Requests.
    /// </summary>
    private async Task<(List<MemberState> Members, List<MemberOutcome> Outcomes)> AdmitAllAsync(string adderId, IReadOnlyList<string> candidates, DateTimeOffset now)
    {
        var checks = await Task.WhenAll(candidates.Where(id => !string.IsNullOrEmpty(id)).Select(async id => (Id: id, Stances: await StancesAsync(adderId, id, RateCost.None))));
        List<MemberState> members = [];
        List<MemberOutcome> outcomes = [.. candidates.Where(string.IsNullOrEmpty).Select(id => new MemberOutcome(id, AddOutcome.UserNotFound))];
        foreach (var (id, (mine, theirs)) in checks)
        {
            var admission = mine.Blocks || theirs.Blocks ? Admission.Refused : ContactPolicy.Admit(theirs, mine, now, privacy.Value.NewAccountAge);
            var outcome = !theirs.Exists ? AddOutcome.UserNotFound
                : mine.Blocks ? AddOutcome.BlockedByYou
                : admission == Admission.Refused ? AddOutcome.CannotAdd
                : AddOutcome.Added;
            outcomes.Add(new MemberOutcome(id, outcome));
            if (outcome == AddOutcome.Added)
            {
                members.Add(new MemberState
                {
                    UserId = id, JoinedAt = now, Status = admission == Admission.Inbox ? MemberStatus.Accepted : MemberStatus.Pending,
                });
            }
        }

        return (members, outcomes);
    }

    /// <summary>Adds admitted members: they see history from the "added" record on.</summary>
    private async Task AddAdmittedAsync(string actorId, List<MemberState> admitted)
    {
        if (admitted.Count == 0)
        {
            await PersistAsync();
            return;
        }

        foreach (var member in admitted)
        {
            member.JoinedAfterSeq = state.State.LastSeq;
            state.State.PendingAdds.RemoveAll(p => p.UserId == member.UserId);
            state.State.FormerMembers.RemoveAll(f => f.UserId == member.UserId);
        }

        state.State.Members.AddRange(admitted);
        var added = await AppendSystemAsync(new SystemEvent(SystemEventKind.Added, actorId, admitted.Select(m => m.UserId).ToList()), clock.GetUtcNow());
        await PersistAsync();
        await AnnounceStartedAsync(admitted);
        await FanOutAsync(added, null);
    }

    /// <summary>Records a member's leaving (or removal) and hands the admin role on if they were the last admin.</summary>
    private async Task DepartAsync(MemberState member, SystemEvent departure)
    {
        var record = await AppendSystemAsync(departure, clock.GetUtcNow());
        state.State.Members.Remove(member);
        member.LeftAtSeq = record.Seq;
        state.State.FormerMembers.RemoveAll(f => f.UserId == member.UserId);
        state.State.FormerMembers.Add(member);
        if (state.State.FormerMembers.Count > MaxFormerMembers)
        {
            state.State.FormerMembers.RemoveAt(0);
        }

        state.State.PendingAdds.RemoveAll(p => p.UserId == member.UserId || p.ProposedBy == member.UserId);
        ChatMessage? promotion = null;
        if (member.Admin && state.State.Members.Count > 0 && !state.State.Members.Exists(m => m.Admin))
        {
            // The longest-standing member who accepted the group (members are kept in the order they joined).
            var heir = state.State.Members.Find(m => m.Status == MemberStatus.Accepted) ?? state.State.Members[0];
            heir.Admin = true;
            member.Admin = false;
            promotion = await AppendSystemAsync(new SystemEvent(SystemEventKind.Promoted, "", [heir.UserId]), clock.GetUtcNow());
        }

        await PersistAsync();
        await FanOutAsync(record, null, alsoTo: member.Unlisted ? null : [member]);
        if (promotion is not null)
        {
            await FanOutAsync(promotion, null);
        }
    }

    /// <summary>Stores a system message about a change already made in memory, then tells every member.</summary>
    private async Task RecordAsync(SystemEvent change)
    {
        var record = await AppendSystemAsync(change, clock.GetUtcNow());
        await PersistAsync();
        await FanOutAsync(record, null);
    }

    /// <summary>Appends a system message to the history and moves the counter (in memory; the caller persists).</summary>
    private async Task<ChatMessage> AppendSystemAsync(SystemEvent change, DateTimeOffset at)
    {
        var seq = state.State.LastSeq + 1;
        var message = new ChatMessage(seq, change.ActorId, $"system:{seq}", "", at, Event: change);
        await StoreAsync(message);
        state.State.LastSeq = seq;
        state.State.LastActivityAt = at;
        return message;
    }

    private ConversationStatus? GroupMember(string callerId, out MemberState member)
    {
        member = null!;
        if (ConversationPolicy.FindListed(state.State, callerId) is not { } found)
        {
            return ConversationStatus.NotFound;
        }

        member = found;
        return state.State.Kind != ConversationKind.Group ? ConversationStatus.WrongKind
            : found.Status != MemberStatus.Accepted ? ConversationStatus.RequestPending
            : null;
    }

    private ConversationStatus? GroupAdmin(string callerId, out MemberState member)
    {
        var status = GroupMember(callerId, out member);
        return status is ConversationStatus.NotFound or ConversationStatus.WrongKind ? status : member.Admin ? status : ConversationStatus.NotAdmin;
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Group {ConversationId} created with {Members} members")]
    private static partial void LogGroupCreated(ILogger logger, string conversationId, int members);
}
