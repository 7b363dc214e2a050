using OrleansDirect.Accounts;

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
}
