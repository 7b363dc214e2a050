using System.Security.Cryptography;
using System.Text;

namespace OrleansDirect.Conversations;

/// <summary>Conversation ids. They are opaque to clients and never reveal who is in the conversation.</summary>
public static class ConversationIds
{
    /// <summary>Prefix of 1:1 conversation ids.</summary>
    public const string DirectPrefix = "dm_";

    /// <summary>Prefix of group conversation ids.</summary>
    public const string GroupPrefix = "g_";

    /// <summary>A new, random group id: "g_" and 32 lower-case hex digits.</summary>
    public static string NewGroup() => GroupPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> names a group (by its shape).</summary>
    public static bool IsGroup(string id) => id.StartsWith(GroupPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The id of the one 1:1 conversation between two users: the same whichever of them asks, derived from a hash of
    /// both ids so that it cannot be read back into the pair.
    /// </summary>
    public static string Direct(string userA, string userB)
    {
        ArgumentException.ThrowIfNullOrEmpty(userA);
        ArgumentException.ThrowIfNullOrEmpty(userB);
        var (first, second) = string.CompareOrdinal(userA, userB) <= 0 ? (userA, userB) : (userB, userA);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"direct\n{first}\n{second}"));
        return DirectPrefix + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    /// <summary>Whether <paramref name="id"/> has the shape of a conversation id (cheap check before any grain call).</summary>
    public static bool IsWellFormed(string? id)
    {
        var prefix = id is null ? "" : id.StartsWith(DirectPrefix, StringComparison.Ordinal) ? DirectPrefix : id.StartsWith(GroupPrefix, StringComparison.Ordinal) ? GroupPrefix : "";
        if (id is null || prefix.Length == 0 || id.Length != prefix.Length + 32)
        {
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
