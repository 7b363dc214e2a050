namespace OrleansDirect.Validation;

/// <summary>Shape rules for user handles. A handle is unique across the cluster, compared case-insensitively.</summary>
public static class HandleRules
{
    /// <summary>Shortest allowed handle.</summary>
    public const int MinLength = 3;

    /// <summary>Longest allowed handle.</summary>
    public const int MaxLength = 30;

    /// <summary>
    /// Returns the canonical (lower-case) form of <paramref name="handle"/>, or <see langword="null"/> when it breaks a rule:
    /// 3 to 30 characters from <c>a-z 0-9 . _</c> (ASCII letters in either case), not starting or ending with a
    /// period and without two periods in a row.
    /// </summary>
    public static string? Normalize(string? handle)
    {
        if (handle is null || handle.Length is < MinLength or > MaxLength)
        {
            return null;
        }

        // ASCII is checked before lower-casing, so no non-ASCII letter (e.g. the Kelvin sign) can fold into a handle.
        var lower = handle.ToLowerInvariant();
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            var allowed = char.IsAscii(handle[i]) && (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.');
            if (!allowed || (c == '.' && (i == 0 || i == lower.Length - 1 || lower[i - 1] == '.')))
            {
                return null;
            }
        }

        return lower;
    }
}
