namespace OrleansDirect.Conversations;

/// <summary>
/// A history page request. With <see cref="AfterSeq"/>: the oldest messages after it. With <see cref="BeforeSeq"/>: the
/// newest messages before it. With neither: the newest messages. Never both.
/// </summary>
/// <param name="BeforeSeq">Exclusive upper bound.</param>
/// <param name="AfterSeq">Exclusive lower bound.</param>
/// <param name="Limit">Page size, 1 to <see cref="Validation.MessageRules.MaxPageSize"/>.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.HistoryQuery")]
public sealed record HistoryQuery(
    [property: Id(0)] long? BeforeSeq,
    [property: Id(1)] long? AfterSeq,
    [property: Id(2)] int Limit);
