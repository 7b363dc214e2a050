using System.Security.Cryptography;
using System.Text;

namespace OrleansDirect.Accounts;

/// <summary>Session tokens: 256 random bits, shown once to the client; the cluster stores and looks up only their SHA-256.</summary>
internal static class SessionTokens
{
    // A recognisable prefix lets secret scanners find leaked tokens.
    private const string Prefix = "odt_";

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewSessionId() => "s_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The session grain key for a token, or null when the token cannot be one of ours.</summary>
    public static string? KeyOf(string? token)
    {
        if (token is null || token.Length != Prefix.Length + 43 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
