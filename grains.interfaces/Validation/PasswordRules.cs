namespace OrleansDirect.Validation;

/// <summary>Shape rules for passwords.</summary>
public static class PasswordRules
{
    /// <summary>Shortest allowed password, in UTF-16 characters.</summary>
    public const int MinLength = 10;

    /// <summary>Longest accepted password; bounds the work a single sign-in can ask the key-derivation function to do.</summary>
    public const int MaxLength = 256;

    /// <summary>Whether <paramref name="password"/> has an acceptable length.</summary>
    public static bool IsAcceptable(string? password) =>
        password is not null && password.Length is >= MinLength and <= MaxLength;
}
