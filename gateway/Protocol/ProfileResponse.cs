using OrleansDirect.Accounts;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>A public profile over HTTP.</summary>
public sealed record ProfileResponse(string UserId, string Handle, DateTimeOffset CreatedAt)
{
    public static ProfileResponse From(UserProfileView v) => new(v.UserId, v.Handle, v.CreatedAt);
}
