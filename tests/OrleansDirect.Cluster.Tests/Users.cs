using OrleansDirect.Accounts;
using OrleansDirect.Social;

namespace OrleansDirect.Tests;

/// <summary>Creates accounts with fresh handles.</summary>
public static class Users
{
    public const string Password = "correct horse battery staple";

    public static string NewHandle() => "u" + Guid.NewGuid().ToString("N")[..20];

    public static async Task<UserProfileView> CreateAsync(IClusterClient client)
    {
        var result = await client.GetGrain<IAccountGrain>(0).SignUpAsync(new SignUpDraft(NewHandle(), Password));
        Assert.Equal(SignUpStatus.Created, result.Status);
        return result.User!;
    }

    /// <summary><paramref name="followerId"/> follows <paramref name="followedId"/>, so messages from the latter reach the former's inbox.</summary>
    public static async Task FollowAsync(IClusterClient client, string followerId, string followedId) =>
        Assert.Equal(SocialStatus.Ok, (await client.GetGrain<ISocialGrain>(followerId).FollowAsync(followerId, followedId)).Status);
}
