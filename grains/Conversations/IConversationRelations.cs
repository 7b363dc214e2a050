namespace OrleansDirect.Conversations;

/// <summary>What the rest of the silo asks of a conversation beyond <see cref="IConversationGrain"/>. Silo-internal.</summary>
[Alias("OrleansDirect.Conversations.IConversationRelations")]
public interface IConversationRelations : IGrainWithStringKey
{
    /// <summary>
    /// <paramref name="userId"/> now does or does not block or restrict the other member. A block declines a pending
    /// request to that user; a restriction moves the conversation to their Requests. No-op when the conversation was
    /// never started.
    /// </summary>
    [Alias("RelationChanged")]
    Task RelationChangedAsync(string userId, bool blocks, bool restricts);

    /// <summary>
    /// Whether <paramref name="callerId"/> may see the medium of message <paramref name="seq"/> now. Read-only and
    /// interleaving: a medium asks while its conversation may be waiting on that medium (deleting it).
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("CanSeeMedia")]
    Task<bool> CanSeeMediaAsync(string callerId, long seq, string mediaId);

    /// <summary>
    /// Copies the messages <paramref name="seqs"/>, as stored, for a report by a member; <see cref="EvidenceResult.Found"/>
    /// is false when the caller is not a listed member or may not read one of them.
    /// </summary>
    [Alias("GetEvidence")]
    Task<EvidenceResult> GetEvidenceAsync(string callerId, IReadOnlyList<long> seqs);
}

/// <summary>Evidence for a report.</summary>
/// <param name="Found">Whether the caller is a member and may see every asked message.</param>
/// <param name="Messages">The messages, ascending.</param>
/// <param name="OtherMemberIds">The other members (the reported side of a conversation report).</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.EvidenceResult")]
public sealed record EvidenceResult(
    [property: Id(0)] bool Found,
    [property: Id(1)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(2)] IReadOnlyList<string> OtherMemberIds);
