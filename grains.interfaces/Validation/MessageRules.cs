using OrleansDirect.Conversations;

namespace OrleansDirect.Validation;

/// <summary>
/// Pure shape rules for messages and history queries. The gateway calls them to reject bad input early; the grains
/// call them again because they are the authority.
/// </summary>
public static class MessageRules
{
    /// <summary>Longest text message, in UTF-16 characters.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Longest client message id.</summary>
    public const int MaxClientMessageIdLength = 64;

    /// <summary>Largest history or inbox page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Page size used when the client gives none.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>How long after sending a message its sender may edit it.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    /// <summary>Whether a message sent at <paramref name="sentAt"/> may still be edited at <paramref name="now"/>.</summary>
    public static bool IsWithinEditWindow(DateTimeOffset sentAt, DateTimeOffset now) => now - sentAt <= EditWindow;

    /// <summary>Most edits of one message (its history stays bounded).</summary>
    public const int MaxEdits = 10;

    /// <summary>Longest reaction, in UTF-16 characters (enough for any emoji sequence).</summary>
    public const int MaxReactionLength = 16;

    /// <summary>A reaction is 1 to 16 characters without whitespace or control characters.</summary>
    public static bool IsValidReaction(string? emoji) =>
        !string.IsNullOrEmpty(emoji) && emoji.Length <= MaxReactionLength && !emoji.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Checks a message text.</summary>
    public static TextStatus CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TextStatus.Empty;
        }

        if (text.Length > MaxTextLength)
        {
            return TextStatus.TooLong;
        }

        foreach (var c in text)
        {
            // Control characters other than line breaks and tab have no place in chat text.
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return TextStatus.InvalidCharacters;
            }
        }

        return TextStatus.Ok;
    }

    /// <summary>A client message id is 1 to 64 characters from <c>A-Z a-z 0-9 - _ . :</c>.</summary>
    public static bool IsValidClientMessageId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxClientMessageIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The shape of a message as the status a conversation answers with: the client message id first, then the text.
    /// </summary>
    public static ConversationStatus CheckDraft(string? clientMessageId, string? text)
    {
        if (!IsValidClientMessageId(clientMessageId))
        {
            return ConversationStatus.InvalidClientMessageId;
        }

        return CheckText(text) switch
        {
            TextStatus.Ok => ConversationStatus.Ok,
            TextStatus.Empty => ConversationStatus.EmptyText,
            TextStatus.TooLong => ConversationStatus.TextTooLong,
            _ => ConversationStatus.InvalidText,
        };
    }

    /// <summary>The shape of a whole draft: <see cref="CheckDraft(string?, string?)"/>, then its link preview.</summary>
    public static ConversationStatus CheckDraft(MessageDraft draft)
    {
        if (draft.MediaId is not null || draft.ViewOnce)
        {
            // With a medium the text is an optional caption; view-once needs a photo or video.
            if (!Media.MediaIds.IsWellFormed(draft.MediaId))
            {
                return ConversationStatus.MediaNotFound;
            }

            if (draft.Text.Length == 0)
            {
                return !IsValidClientMessageId(draft.ClientMessageId) ? ConversationStatus.InvalidClientMessageId
                    : draft.LinkPreview is not null ? ConversationStatus.InvalidLinkPreview // no text, so no link to preview
                    : ConversationStatus.Ok;
            }
        }

        var status = CheckDraft(draft.ClientMessageId, draft.Text);
        return status == ConversationStatus.Ok && draft.LinkPreview is { } preview && !LinkPreviewRules.IsValid(preview, draft.Text)
            ? ConversationStatus.InvalidLinkPreview
            : status;
    }

    /// <summary>Whether a requested page size is within 1..<see cref="MaxPageSize"/>.</summary>
    public static bool IsValidPageSize(int limit) => limit is >= 1 and <= MaxPageSize;
}
