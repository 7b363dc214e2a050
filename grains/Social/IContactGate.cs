using Orleans.Concurrency;

namespace OrleansDirect.Social;

/// <summary>
/// What conversations and other users' grains ask of a user's <see cref="SocialGrain"/>. Key: the user id.
/// Silo-internal. The reads interleave: a social grain that is waiting on a conversation (to push a block) must still
/// answer that conversation's questions, or the two would wait for each other.
/// </summary>
[Alias("OrleansDirect.Social.IContactGate")]
public interface IContactGate : IGrainWithStringKey
{
    /// <summary>
    /// This user's stance toward <paramref name="otherId"/>, and, when <paramref name="cost"/> is not
    /// <see cref="RateCost.None"/>, takes that cost from this user's rate limits (nothing is taken when one is exhausted).
    /// </summary>
    [AlwaysInterleave, Alias("GetStance")]
    Task<Stance> GetStanceAsync(string otherId, RateCost cost);

    /// <summary>Which of <paramref name="userIds"/> this user blocked.</summary>
    [AlwaysInterleave, Alias("GetBlockedAmong")]
    Task<IReadOnlyList<string>> GetBlockedAmongAsync(IReadOnlyList<string> userIds);

    /// <summary>Whether <paramref name="text"/> matches this user's hidden words (their own, and the built-in list if they use it).</summary>
    [AlwaysInterleave, Alias("MatchesHiddenWords")]
    Task<bool> MatchesHiddenWordsAsync(string text);

    /// <summary>
    /// <paramref name="blockerId"/> blocked this user: stop following them. One-way, so that two users blocking each
    /// other at once cannot wait on each other.
    /// </summary>
    [OneWay, Alias("DropFollowing")]
    Task DropFollowingAsync(string blockerId);
}

/// <summary>One user's relation to another, and their settings, as a conversation needs them to decide delivery.</summary>
/// <param name="Exists">Whether this user's account exists.</param>
/// <param name="Follows">This user follows the other.</param>
/// <param name="Blocks">This user blocked the other.</param>
/// <param name="Restricts">This user restricted the other.</param>
/// <param name="Settings">This user's privacy settings.</param>
/// <param name="AccountCreatedAt">When this user's account was created.</param>
/// <param name="RateLimitedFor">When the asked cost could not be paid: how long until it can.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.Stance")]
public sealed record Stance(
    [property: Id(0)] bool Exists,
    [property: Id(1)] bool Follows,
    [property: Id(2)] bool Blocks,
    [property: Id(3)] bool Restricts,
    [property: Id(4)] PrivacySettings Settings,
    [property: Id(5)] DateTimeOffset AccountCreatedAt,
    [property: Id(6)] TimeSpan? RateLimitedFor);
