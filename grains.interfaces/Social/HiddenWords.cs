using System.Globalization;

namespace OrleansDirect.Social;

/// <summary>
/// Hidden words: shape rules and matching. A word or phrase matches where it occurs in a text case-insensitively with
/// no letter or digit directly before or after it, so "ass" matches "ASS!" but not "class".
/// </summary>
public static class HiddenWords
{
    /// <summary>Most words one user may keep.</summary>
    public const int MaxWords = 1000;

    /// <summary>Longest word or phrase.</summary>
    public const int MaxWordLength = 100;

    /// <summary>Most words one update may add or remove.</summary>
    public const int MaxWordsPerUpdate = 100;

    /// <summary>
    /// The built-in list, used when the operator configures none (<c>Privacy:DefaultHiddenWords</c>): common abuse,
    /// sexual solicitation and scam phrases seen in message requests. A starting point, not a moderation policy;
    /// operators replace it with their own list, and each user can turn it off (<c>defaultHiddenWords</c>).
    /// </summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        "kill yourself", "kys", "go die", "die in a fire", "nobody likes you", "you are worthless",
        "bitch", "slut", "whore", "retard", "loser",
        "send nudes", "nudes", "sugar daddy", "sugar baby", "onlyfans",
        "free followers", "buy followers", "crypto giveaway", "double your money", "investment opportunity", "cash app",
        "click this link", "you have won", "claim your prize",
    ];

    /// <summary>The canonical (trimmed, lower-case) form of a word, or null when it breaks the shape rules.</summary>
    public static string? Normalize(string? word)
    {
        var trimmed = word?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxWordLength)
        {
            return null;
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                return null;
            }
        }

        return trimmed.ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="text"/> contains any of <paramref name="words"/> (canonical forms).</summary>
    public static bool Matches(string text, IEnumerable<string> words)
    {
        var lower = text.ToLower(CultureInfo.InvariantCulture);
        foreach (var word in words)
        {
            for (var at = lower.IndexOf(word, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                var end = at + word.Length;
                if ((at == 0 || !char.IsLetterOrDigit(lower[at - 1])) && (end == lower.Length || !char.IsLetterOrDigit(lower[end])))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
