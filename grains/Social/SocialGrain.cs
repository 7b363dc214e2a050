using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansDirect.Accounts;
using OrleansDirect.Conversations;
using OrleansDirect.Hosting;
using OrleansDirect.Users;

namespace OrleansDirect.Social;

/// <summary>
/// A user's follows, blocks, restrictions, settings and hidden words; see <see cref="ISocialGrain"/> and
/// <see cref="IContactGate"/>. Blocks and restrictions are pushed to the 1:1 conversation with the other user before
/// the call returns, so they take effect at once; follows take effect at the next message.
/// </summary>
public sealed partial class SocialGrain(
    [PersistentState("social", StorageNames.Social)] IPersistentState<SocialState> state,
    IOptions<PrivacyOptions> privacy,
    IOptions<RateLimitOptions> limits,
    TimeProvider clock,
    ILogger<SocialGrain> logger) : Grain, ISocialGrain, IContactGate
{
    private RateLimiter? _limiter;
    private UserProfileView? _profile;
    private string[]? _defaultWords;

    private string UserId => this.GetPrimaryKeyString();

    private SocialState S => state.State;

    private RateLimiter Limiter => _limiter ??= new RateLimiter(limits.Value);

    /// <summary>
    /// Takes the tokens of <paramref name="cost"/> (see <see cref="RateLimiter.TryTake"/>). The buckets live in this
    /// activation, so it is kept until they are full again: idle collection would otherwise refill them early (a daily
    /// export limit would reset after a quarter of an hour without calls).
    /// </summary>
    private TimeSpan? TakeTokens(RateCost cost, DateTimeOffset now)
    {
        var wait = Limiter.TryTake(cost, now);
        DelayDeactivation(Limiter.TimeUntilFull(now));
        return wait;
    }

    public async Task<SocialResult> FollowAsync(string callerId, string targetId)
    {
        if (Refuse(callerId, targetId) is { } refused)
        {
            return refused;
        }

        if (S.Following.TryGetValue(targetId, out var edge) && edge.Segment is not null)
        {
            return SocialResult.Ok;
        }

        if (S.Blocked.ContainsKey(targetId))
        {
            return new SocialResult(SocialStatus.NotAllowed);
        }

        if (edge is null && S.Following.Count >= privacy.Value.MaxFollowing)
        {
            return new SocialResult(SocialStatus.LimitReached);
        }

        var now = clock.GetUtcNow();
        if (TakeTokens(RateCost.Follow, now) is { } wait)
        {
            return new SocialResult(SocialStatus.RateLimited, wait);
        }

        // A blocked account cannot follow the account that blocked it, and is told the same as for no account at all.
        var target = await GrainFactory.GetGrain<IUserAccountGrain>(targetId).GetProfileAsync();
        if (target is null || (await Gate(targetId).GetStanceAsync(UserId, RateCost.None)).Blocks || await ProfileAsync() is not { } me)
        {
            return new SocialResult(SocialStatus.UserNotFound);
        }

        // The edge on this side is the authority ("A follows B"); the follower index on the other side comes second.
        edge ??= new FollowEdge(target.Handle, now, null);
        S.Following[targetId] = edge;
        await PersistAsync();
        var segment = await GrainFactory.GetGrain<IFollowersGrain>(targetId).AddAsync(new UserListEntry(UserId, me.Handle, edge.Since));
        S.Following[targetId] = edge with { Segment = segment };
        await PersistAsync();
        return SocialResult.Ok;
    }

    public async Task<SocialResult> UnfollowAsync(string callerId, string targetId)
    {
        if (Refuse(callerId, targetId) is { } refused)
        {
            return refused;
        }

        if (S.Following.Remove(targetId, out var edge))
        {
            await PersistAsync();
            await RemoveFromFollowersAsync(targetId, edge);
        }

        return SocialResult.Ok;
    }

    public Task<UserListPage> GetFollowingAsync(string callerId, UserListQuery query) =>
        Task.FromResult(IsOwner(callerId)
            ? UserListPaging.Page(S.Following.Select(e => new UserListEntry(e.Key, e.Value.Handle, e.Value.Since)), S.Following.Count, query)
            : UserListPage.Refused(SocialStatus.Forbidden));

    public Task<UserListPage> GetFollowersAsync(string callerId, UserListQuery query) =>
        IsOwner(callerId)
            ? GrainFactory.GetGrain<IFollowersGrain>(UserId).GetPageAsync(query)
            : Task.FromResult(UserListPage.Refused(SocialStatus.Forbidden));

    public async Task<SocialResult> BlockAsync(string callerId, string targetId)
    {
        if (Refuse(callerId, targetId) is { } refused)
        {
            return refused;
        }

        if (!S.Blocked.ContainsKey(targetId))
        {
            if (S.Blocked.Count >= privacy.Value.MaxBlocked)
            {
                return new SocialResult(SocialStatus.LimitReached);
            }

            if (await GrainFactory.GetGrain<IUserAccountGrain>(targetId).GetProfileAsync() is not { } target)
            {
                return new SocialResult(SocialStatus.UserNotFound);
            }

            // Blocking ends follows both ways.
            S.Blocked[targetId] = new ListedUser(target.Handle, clock.GetUtcNow());
            var unfollowed = S.Following.Remove(targetId, out var edge);
            await PersistAsync();
            LogBlocked(logger, UserId, targetId);
            if (unfollowed)
            {
                await RemoveFromFollowersAsync(targetId, edge!);
            }

            await Gate(targetId).DropFollowingAsync(UserId);
        }

        // Pushed on every call, so a retry after a failed push completes it.
        await PushRelationAsync(targetId);
        return SocialResult.Ok;
    }

    public async Task<SocialResult> UnblockAsync(string callerId, string targetId)
    {
        if (Refuse(callerId, targetId) is { } refused)
        {
            return refused;
        }

        if (S.Blocked.Remove(targetId))
        {
            await PersistAsync();
        }

        await PushRelationAsync(targetId);
        return SocialResult.Ok;
    }

    public Task<UserListPage> GetBlockedAsync(string callerId, UserListQuery query) => Task.FromResult(PageOf(S.Blocked, callerId, query));

    public async Task<SocialResult> RestrictAsync(string callerId, string targetId)
    {
        if (Refuse(callerId, targetId) is { } refused)
        {
            return refused;
        }

        if (!S.Restricted.ContainsKey(targetId))
        {
            if (S.Restricted.Count >= privacy.Value.MaxRestricted)
            {
                return new SocialResult(SocialStatus.LimitReached);
            }

            if (await GrainFactory.GetGrain<IUserAccountGrain>(targetId).GetProfileAsync() is not { } target)
            {
                return new SocialResult(SocialStatus.UserNotFound);
            }

            S.Restricted[targetId] = new ListedUser(target.Handle, clock.GetUtcNow());
            await PersistAsync();
        }

        await PushRelationAsync(targetId);
        return SocialResult.Ok;
    }

    public async Task<SocialResult> UnrestrictAsync(string callerId, string targetId)
    {
        if (Refuse(callerId, targetId) is { } refused)
        {
            return refused;
        }

        if (S.Restricted.Remove(targetId))
        {
            await PersistAsync();
        }

        await PushRelationAsync(targetId);
        return SocialResult.Ok;
    }

    public Task<UserListPage> GetRestrictedAsync(string callerId, UserListQuery query) => Task.FromResult(PageOf(S.Restricted, callerId, query));

    public Task<SettingsResult> GetSettingsAsync(string callerId) =>
        Task.FromResult(IsOwner(callerId) ? new SettingsResult(SocialStatus.Ok, S.Settings) : new SettingsResult(SocialStatus.Forbidden, null));

    public async Task<SettingsResult> UpdateSettingsAsync(string callerId, SettingsUpdate update)
    {
        if (!IsOwner(callerId))
        {
            return new SettingsResult(SocialStatus.Forbidden, null);
        }

        if ((update.WhoCanMessage is { } who && !Enum.IsDefined(who)) || (update.ReadReceipts is { } mode && !Enum.IsDefined(mode)))
        {
            return new SettingsResult(SocialStatus.InvalidQuery, null);
        }

        var current = S.Settings;
        S.Settings = new PrivacySettings(
            update.WhoCanMessage ?? current.WhoCanMessage,
            update.NewAccountsNeedApproval ?? current.NewAccountsNeedApproval,
            update.ReadReceipts ?? current.ReadReceipts,
            update.LinkPreviews ?? current.LinkPreviews,
            update.DefaultHiddenWords ?? current.DefaultHiddenWords);
        await PersistAsync();
        return new SettingsResult(SocialStatus.Ok, S.Settings);
    }

    public Task<HiddenWordsResult> GetHiddenWordsAsync(string callerId) =>
        Task.FromResult(new HiddenWordsResult(IsOwner(callerId) ? SocialStatus.Ok : SocialStatus.Forbidden, IsOwner(callerId) ? S.HiddenWords.ToList() : []));

    public async Task<HiddenWordsResult> UpdateHiddenWordsAsync(string callerId, IReadOnlyList<string> add, IReadOnlyList<string> remove)
    {
        if (!IsOwner(callerId))
        {
            return new HiddenWordsResult(SocialStatus.Forbidden, []);
        }

        if (add.Count > HiddenWords.MaxWordsPerUpdate || remove.Count > HiddenWords.MaxWordsPerUpdate)
        {
            return new HiddenWordsResult(SocialStatus.InvalidQuery, []);
        }

        var adding = add.Select(HiddenWords.Normalize).OfType<string>().ToList();
        var removing = remove.Select(HiddenWords.Normalize).OfType<string>().ToList();
        if (adding.Count != add.Count || removing.Count != remove.Count)
        {
            return new HiddenWordsResult(SocialStatus.InvalidWord, []);
        }

        var words = S.HiddenWords.Except(removing, StringComparer.Ordinal).ToList();
        words.AddRange(adding.Distinct(StringComparer.Ordinal).Where(w => !words.Contains(w, StringComparer.Ordinal)).ToList());
        if (words.Count > HiddenWords.MaxWords)
        {
            return new HiddenWordsResult(SocialStatus.LimitReached, []);
        }

        S.HiddenWords = words;
        await PersistAsync();
        return new HiddenWordsResult(SocialStatus.Ok, words.ToList());
    }

    public async Task<Stance> GetStanceAsync(string otherId, RateCost cost)
    {
        var profile = await ProfileAsync();
        var wait = cost == RateCost.None || profile is null ? null : TakeTokens(cost, clock.GetUtcNow());
        return new Stance(profile is not null, S.Following.ContainsKey(otherId), S.Blocked.ContainsKey(otherId), S.Restricted.ContainsKey(otherId),
            S.Settings, profile?.CreatedAt ?? default, wait);
    }

    public Task<IReadOnlyList<string>> GetBlockedAmongAsync(IReadOnlyList<string> userIds) =>
        Task.FromResult<IReadOnlyList<string>>(userIds.Where(S.Blocked.ContainsKey).ToList());

    public Task<bool> MatchesHiddenWordsAsync(string text)
    {
        var configured = privacy.Value.DefaultHiddenWords;
        _defaultWords ??= (configured.Count > 0 ? configured : HiddenWords.BuiltIn).Select(HiddenWords.Normalize).OfType<string>().ToArray();
        var words = S.Settings.DefaultHiddenWords ? S.HiddenWords.Concat(_defaultWords) : S.HiddenWords;
        return Task.FromResult(HiddenWords.Matches(text, words));
    }

    public async Task DropFollowingAsync(string blockerId)
    {
        if (S.Following.Remove(blockerId, out var edge))
        {
            await PersistAsync();
            await RemoveFromFollowersAsync(blockerId, edge);
        }
    }

    private bool IsOwner(string callerId) => !string.IsNullOrEmpty(callerId) && callerId == UserId;

    private SocialResult? Refuse(string callerId, string targetId) =>
        !IsOwner(callerId) ? new SocialResult(SocialStatus.Forbidden)
        : string.IsNullOrEmpty(targetId) ? new SocialResult(SocialStatus.UserNotFound)
        : targetId == UserId ? new SocialResult(SocialStatus.CannotTargetSelf)
        : null;

    private UserListPage PageOf(Dictionary<string, ListedUser> list, string callerId, UserListQuery query) =>
        IsOwner(callerId)
            ? UserListPaging.Page(list.Select(e => new UserListEntry(e.Key, e.Value.Handle, e.Value.Since)), list.Count, query)
            : UserListPage.Refused(SocialStatus.Forbidden);

    private async Task<UserProfileView?> ProfileAsync() => _profile ??= await GrainFactory.GetGrain<IUserAccountGrain>(UserId).GetProfileAsync();

    private IContactGate Gate(string userId) => GrainFactory.GetGrain<IContactGate>(userId);

    private Task PersistAsync() => state.WriteOrDiscardAsync(DeactivateOnIdle);

    private Task PushRelationAsync(string targetId) =>
        GrainFactory.GetGrain<IConversationRelations>(ConversationIds.Direct(UserId, targetId))
            .RelationChangedAsync(UserId, S.Blocked.ContainsKey(targetId), S.Restricted.ContainsKey(targetId));

    // The follow itself is already gone; a failure here leaves a stale line in the other user's follower list only.
    private async Task RemoveFromFollowersAsync(string followedId, FollowEdge edge)
    {
        if (edge.Segment is not { } segment)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IFollowersGrain>(followedId).RemoveAsync(UserId, segment);
        }
        catch (Exception ex)
        {
            LogFollowerIndexFailed(logger, ex, UserId, followedId);
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "User {UserId} blocked {TargetId}")]
    private static partial void LogBlocked(ILogger logger, string userId, string targetId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Could not remove {UserId} from the follower list of {FollowedId}")]
    private static partial void LogFollowerIndexFailed(ILogger logger, Exception exception, string userId, string followedId);
}
