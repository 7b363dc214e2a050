using OrleansDirect.Conversations;

namespace OrleansDirect.Validation;

/// <summary>Shape rules for <see cref="LinkPreview"/>.</summary>
public static class LinkPreviewRules
{
    /// <summary>Longest URL.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>
    /// Whether <paramref name="preview"/> is acceptable with <paramref name="text"/>: an absolute http or https URL
    /// that occurs in the text, a non-empty title, and no control characters.
    /// </summary>
    public static bool IsValid(LinkPreview preview, string text) =>
        preview.Url.Length <= MaxUrlLength
        && Uri.TryCreate(preview.Url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && text.Contains(preview.Url, StringComparison.Ordinal)
        && IsPlain(preview.Title, 1, MaxTitleLength)
        && (preview.Description is null || IsPlain(preview.Description, 0, MaxDescriptionLength));

    private static bool IsPlain(string value, int min, int max)
    {
        if (value.Length < min || value.Length > max || (min > 0 && string.IsNullOrWhiteSpace(value)))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
