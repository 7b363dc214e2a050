namespace OrleansDirect.Validation;

/// <summary>Outcome of <see cref="MessageRules.CheckText"/>.</summary>
public enum TextStatus
{
    /// <summary>The text is acceptable.</summary>
    Ok,

    /// <summary>The text is missing, empty or whitespace only.</summary>
    Empty,

    /// <summary>The text is longer than <see cref="MessageRules.MaxTextLength"/>.</summary>
    TooLong,

    /// <summary>The text contains control characters other than tab and line breaks.</summary>
    InvalidCharacters,
}
