namespace OrleansDirect.Conversations;

/// <summary>
/// Preview metadata a sender attaches to a link in their message. The server never fetches the URL: what the sender
/// attached is all there is, and recipients who turned previews off (and every message request) get the message
/// without it.
/// </summary>
/// <param name="Url">The absolute http(s) URL; it must appear in the message text.</param>
/// <param name="Title">Title, up to <see cref="Validation.LinkPreviewRules.MaxTitleLength"/> characters.</param>
/// <param name="Description">Optional description, up to <see cref="Validation.LinkPreviewRules.MaxDescriptionLength"/> characters.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.LinkPreview")]
public sealed record LinkPreview([property: Id(0)] string Url, [property: Id(1)] string Title, [property: Id(2)] string? Description);
