namespace OrleansDirect.Inbox;

/// <summary>An inbox page request.</summary>
/// <param name="Cursor">Opaque cursor from the previous page's <see cref="InboxPage.NextCursor"/>, or null for the first page.</param>
/// <param name="Limit">Page size, 1 to <see cref="Validation.MessageRules.MaxPageSize"/>.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Inbox.InboxQuery")]
public sealed record InboxQuery([property: Id(0)] string? Cursor, [property: Id(1)] int Limit);
