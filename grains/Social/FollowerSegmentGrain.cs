using OrleansDirect.Hosting;

namespace OrleansDirect.Social;

/// <summary>A fixed-size slice of one user's followers. Key: <c>{userId}/{n}</c>. Silo-internal.</summary>
[Alias("OrleansDirect.Social.IFollowerSegmentGrain")]
public interface IFollowerSegmentGrain : IGrainWithStringKey
{
    /// <summary>Adds a follower; false when already listed here.</summary>
    [Alias("Add")]
    Task<bool> AddAsync(UserListEntry entry);

    /// <summary>Removes a follower; false when not listed here.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string followerId);

    /// <summary>The followers listed here.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<UserListEntry>> ReadAsync();
}

/// <summary>Persisted state of <see cref="FollowerSegmentGrain"/>: at most <c>Privacy:FollowersPerSegment</c> entries.</summary>
[GenerateSerializer, Alias("OrleansDirect.Social.FollowerSegmentState")]
public sealed class FollowerSegmentState
{
    /// <summary>Followers, in the order they followed.</summary>
    [Id(0)] public List<UserListEntry> Entries { get; set; } = [];
}

/// <inheritdoc cref="IFollowerSegmentGrain"/>
public sealed class FollowerSegmentGrain(
    [PersistentState("followers", StorageNames.Social)] IPersistentState<FollowerSegmentState> state) : Grain, IFollowerSegmentGrain
{
    public static string KeyFor(string userId, long segment) => $"{userId}/{segment}";

    public async Task<bool> AddAsync(UserListEntry entry)
    {
        if (state.State.Entries.Exists(e => e.UserId == entry.UserId))
        {
            return false;
        }

        state.State.Entries.Add(entry);
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return true;
    }

    public async Task<bool> RemoveAsync(string followerId)
    {
        if (state.State.Entries.RemoveAll(e => e.UserId == followerId) == 0)
        {
            return false;
        }

        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return true;
    }

    public Task<IReadOnlyList<UserListEntry>> ReadAsync() => Task.FromResult<IReadOnlyList<UserListEntry>>(state.State.Entries.ToList());
}
