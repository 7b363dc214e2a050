using OrleansDirect.Hosting;

namespace OrleansDirect.Social;

/// <summary>
/// The index of a user's followers. Key: the user id. Silo-internal; only social grains call it, and only the owner's
/// social grain reads it. Followers are appended to <see cref="FollowerSegmentGrain"/>s of at most
/// <c>Privacy:FollowersPerSegment</c> entries, so no grain's
/// state grows with the number of followers: this one keeps three numbers.
/// </summary>
[Alias("OrleansDirect.Social.IFollowersGrain")]
public interface IFollowersGrain : IGrainWithStringKey
{
    /// <summary>Lists <paramref name="entry"/>'s user as a follower and returns the segment that holds it.</summary>
    [Alias("Add")]
    Task<long> AddAsync(UserListEntry entry);

    /// <summary>Removes a follower from the segment its follow edge recorded.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string followerId, long segment);

    /// <summary>Pages followers, newest segment first.</summary>
    [Alias("GetPage")]
    Task<UserListPage> GetPageAsync(UserListQuery query);
}

/// <summary>Persisted state of <see cref="FollowersGrain"/>.</summary>
[GenerateSerializer, Alias("OrleansDirect.Social.FollowersState")]
public sealed class FollowersState
{
    /// <summary>How many followers are listed.</summary>
    [Id(0)] public long Count { get; set; }

    /// <summary>The segment new followers are appended to.</summary>
    [Id(1)] public long Tail { get; set; }

    /// <summary>How many followers were ever appended to the tail segment (removals do not lower it).</summary>
    [Id(2)] public int TailAppends { get; set; }
}

/// <inheritdoc cref="IFollowersGrain"/>
public sealed class FollowersGrain(
    [PersistentState("followers", StorageNames.Social)] IPersistentState<FollowersState> state,
    Microsoft.Extensions.Options.IOptions<PrivacyOptions> options) : Grain, IFollowersGrain
{
    /// <summary>Most segments one page call reads, so a page over many emptied segments stays cheap.</summary>
    private const int MaxSegmentsPerPage = 16;

    public async Task<long> AddAsync(UserListEntry entry)
    {
        if (state.State.TailAppends >= options.Value.FollowersPerSegment)
        {
            state.State.Tail++;
            state.State.TailAppends = 0;
        }

        if (await Segment(state.State.Tail).AddAsync(entry))
        {
            state.State.TailAppends++;
            state.State.Count++;
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

        return state.State.Tail;
    }

    public async Task RemoveAsync(string followerId, long segment)
    {
        if (segment >= 0 && segment <= state.State.Tail && await Segment(segment).RemoveAsync(followerId))
        {
            state.State.Count = Math.Max(0, state.State.Count - 1);
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }
    }

    public async Task<UserListPage> GetPageAsync(UserListQuery query)
    {
        if (!Validation.MessageRules.IsValidPageSize(query.Limit))
        {
            return UserListPage.Refused(SocialStatus.InvalidQuery);
        }

        long segment = state.State.Tail;
        (long Ticks, string UserId)? after = null;
        if (query.Cursor is not null)
        {
            if (!UserListPaging.TryDecode(query.Cursor, out var s, out var position) || s is not { } start || start < 0 || start > state.State.Tail)
            {
                return UserListPage.Refused(SocialStatus.InvalidQuery);
            }

            (segment, after) = (start, position.UserId.Length == 0 ? null : position);
        }

        List<UserListEntry> page = [];
        for (var read = 0; segment >= 0 && read < MaxSegmentsPerPage; segment--, read++, after = null)
        {
            var entries = (await Segment(segment).ReadAsync())
                .Where(e => after is not { } a || UserListPaging.Compare((e.Since.UtcTicks, e.UserId), a) > 0)
                .Order(Comparer<UserListEntry>.Create((x, y) => UserListPaging.Compare((x.Since.UtcTicks, x.UserId), (y.Since.UtcTicks, y.UserId))))
                .ToList();
            var room = query.Limit - page.Count;
            page.AddRange(entries.Take(room));
            if (entries.Count > room)
            {
                return new UserListPage(SocialStatus.Ok, page, UserListPaging.Encode(page[^1].Since.UtcTicks, page[^1].UserId, segment), state.State.Count);
            }

            if (page.Count == query.Limit)
            {
                return new UserListPage(SocialStatus.Ok, page, segment > 0 ? UserListPaging.Encode(0, "", segment - 1) : null, state.State.Count);
            }
        }

        // Either every segment was read, or the scan stopped early over emptied segments: continue from the next one.
        return new UserListPage(SocialStatus.Ok, page, segment >= 0 ? UserListPaging.Encode(0, "", segment) : null, state.State.Count);
    }

    private IFollowerSegmentGrain Segment(long n) => GrainFactory.GetGrain<IFollowerSegmentGrain>(FollowerSegmentGrain.KeyFor(this.GetPrimaryKeyString(), n));
}
