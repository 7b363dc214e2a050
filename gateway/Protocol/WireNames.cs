using System.Text;
using OrleansDirect.Conversations;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>
/// Wire spellings of enums: the member name in snake_case (<c>HiddenRequests</c> is <c>hidden_requests</c>). Parsing
/// accepts exactly those spellings, never numbers.
/// </summary>
public static class WireNames
{
    public static string Of(ConversationKind kind) => Of<ConversationKind>(kind);

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? Snake(value.ToString()) : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (text == Snake(candidate.ToString()))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Every spelling of <typeparamref name="TEnum"/>, for error messages.</summary>
    public static string All<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(v => $"'{Of(v)}'"));

    private static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
