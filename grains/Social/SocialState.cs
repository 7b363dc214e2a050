namespace OrleansDirect.Social;

/// <summary>
/// Persisted state of <see cref="SocialGrain"/>. Bounded: following, blocked and restricted are capped by
/// <c>Privacy:Max*</c>, hidden words by <see cref="HiddenWords.MaxWords"/>. Followers, which no one caps, live in
/// <see cref="FollowersGrain"/> segments.
/// </summary>
[GenerateSerializer, Alias("OrleansDirect.Social.SocialState")]
public sealed class SocialState
{
    /// <summary>Privacy settings.</summary>
    [Id(0)] public PrivacySettings Settings { get; set; } = PrivacySettings.Default;

    /// <summary>Accounts this user follows, by user id. The authority on "A follows B".</summary>
    [Id(1)] public Dictionary<string, FollowEdge> Following { get; set; } = [];

    /// <summary>Blocked accounts, by user id.</summary>
    [Id(2)] public Dictionary<string, ListedUser> Blocked { get; set; } = [];

    /// <summary>Restricted accounts, by user id.</summary>
    [Id(3)] public Dictionary<string, ListedUser> Restricted { get; set; } = [];

    /// <summary>Hidden words, canonical form, in the order added.</summary>
    [Id(4)] public List<string> HiddenWords { get; set; } = [];
}

/// <summary>An account in one of a user's lists.</summary>
/// <param name="Handle">Its handle.</param>
/// <param name="Since">When it was added.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.ListedUser")]
public sealed record ListedUser([property: Id(0)] string Handle, [property: Id(1)] DateTimeOffset Since);

/// <summary>A follow.</summary>
/// <param name="Handle">The followed account's handle.</param>
/// <param name="Since">When the follow started.</param>
/// <param name="Segment">Which of the followed account's follower segments lists this user, once known.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Social.FollowEdge")]
public sealed record FollowEdge([property: Id(0)] string Handle, [property: Id(1)] DateTimeOffset Since, [property: Id(2)] long? Segment);
