namespace OrleansDirect.Social;

/// <summary>
/// One user's side of the social graph and their privacy settings: whom they follow, block and restrict, who may
/// message them, receipts, link previews and hidden words. Key: the user id. Only the owner may call these methods;
/// anyone else gets <see cref="SocialStatus.Forbidden"/>. Conversations read the same data through a silo-internal
/// interface when they decide whether a message is delivered, and how.
/// </summary>
[Alias("OrleansDirect.Social.ISocialGrain")]
public interface ISocialGrain : IGrainWithStringKey
{
    /// <summary>Follows <paramref name="targetId"/>. Following again is a no-op.</summary>
    [Alias("Follow")]
    Task<SocialResult> FollowAsync(string callerId, string targetId);

    /// <summary>Stops following <paramref name="targetId"/>. Unfollowing someone not followed is a no-op.</summary>
    [Alias("Unfollow")]
    Task<SocialResult> UnfollowAsync(string callerId, string targetId);

    /// <summary>Pages the accounts the owner follows.</summary>
    [Alias("GetFollowing")]
    Task<UserListPage> GetFollowingAsync(string callerId, UserListQuery query);

    /// <summary>Pages the accounts that follow the owner, newest first.</summary>
    [Alias("GetFollowers")]
    Task<UserListPage> GetFollowersAsync(string callerId, UserListQuery query);

    /// <summary>Blocks <paramref name="targetId"/>, declining any message request from them.</summary>
    [Alias("Block")]
    Task<SocialResult> BlockAsync(string callerId, string targetId);

    /// <summary>
    /// Unblocks <paramref name="targetId"/>. Declined requests stay declined (as always, unless the owner follows the
    /// sender or messages them).
    /// </summary>
    [Alias("Unblock")]
    Task<SocialResult> UnblockAsync(string callerId, string targetId);

    /// <summary>Pages the owner's block list.</summary>
    [Alias("GetBlocked")]
    Task<UserListPage> GetBlockedAsync(string callerId, UserListQuery query);

    /// <summary>Restricts <paramref name="targetId"/>: their messages go quietly to Requests and they see no receipts or typing.</summary>
    [Alias("Restrict")]
    Task<SocialResult> RestrictAsync(string callerId, string targetId);

    /// <summary>Lifts a restriction.</summary>
    [Alias("Unrestrict")]
    Task<SocialResult> UnrestrictAsync(string callerId, string targetId);

    /// <summary>Pages the owner's restricted accounts.</summary>
    [Alias("GetRestricted")]
    Task<UserListPage> GetRestrictedAsync(string callerId, UserListQuery query);

    /// <summary>The owner's privacy settings.</summary>
    [Alias("GetSettings")]
    Task<SettingsResult> GetSettingsAsync(string callerId);

    /// <summary>Changes the given settings and leaves the others as they are.</summary>
    [Alias("UpdateSettings")]
    Task<SettingsResult> UpdateSettingsAsync(string callerId, SettingsUpdate update);

    /// <summary>The owner's hidden words.</summary>
    [Alias("GetHiddenWords")]
    Task<HiddenWordsResult> GetHiddenWordsAsync(string callerId);

    /// <summary>Adds and removes hidden words (removals first); words are compared case-insensitively.</summary>
    [Alias("UpdateHiddenWords")]
    Task<HiddenWordsResult> UpdateHiddenWordsAsync(string callerId, IReadOnlyList<string> add, IReadOnlyList<string> remove);
}
