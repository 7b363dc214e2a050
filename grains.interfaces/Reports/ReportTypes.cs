using OrleansDirect.Conversations;

namespace OrleansDirect.Reports;

/// <summary>What a report is about.</summary>
[GenerateSerializer, Alias("OrleansDirect.Reports.ReportTarget")]
public enum ReportTarget
{
    /// <summary>One message (conversation id and sequence number).</summary>
    Message,

    /// <summary>A whole conversation.</summary>
    Conversation,

    /// <summary>An account, optionally with evidence from a conversation with it.</summary>
    Account,
}

/// <summary>Why something is reported.</summary>
[GenerateSerializer, Alias("OrleansDirect.Reports.ReportReason")]
public enum ReportReason
{
    /// <summary>Spam or unwanted commercial content.</summary>
    Spam,

    /// <summary>Harassment or bullying.</summary>
    Harassment,

    /// <summary>Hate speech or symbols.</summary>
    Hate,

    /// <summary>Nudity or sexual content.</summary>
    Nudity,

    /// <summary>Violence or threats.</summary>
    Violence,

    /// <summary>Scams or fraud.</summary>
    Scam,

    /// <summary>Self-harm.</summary>
    SelfHarm,

    /// <summary>Pretending to be someone else.</summary>
    Impersonation,

    /// <summary>Anything else (explain in the note).</summary>
    Other,
}

/// <summary>A report as the reporter files it.</summary>
/// <param name="Target">What is reported.</param>
/// <param name="ConversationId">The conversation (required for message and conversation reports; optional evidence source for account reports).</param>
/// <param name="Seq">The reported message (message reports).</param>
/// <param name="AccountId">The reported account (account reports).</param>
/// <param name="Reason">Why.</param>
/// <param name="Note">Free text, up to <see cref="ReportRules.MaxNoteLength"/> characters.</param>
/// <param name="EvidenceSeqs">Messages of the conversation the reporter chooses to include, up to <see cref="ReportRules.MaxEvidence"/>.</param>
/// <param name="Block">Whether to block the reported account too.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Reports.ReportDraft")]
public sealed record ReportDraft(
    [property: Id(0)] ReportTarget Target,
    [property: Id(1)] string? ConversationId,
    [property: Id(2)] long? Seq,
    [property: Id(3)] string? AccountId,
    [property: Id(4)] ReportReason Reason,
    [property: Id(5)] string? Note,
    [property: Id(6)] IReadOnlyList<long> EvidenceSeqs,
    [property: Id(7)] bool Block);

/// <summary>Shape rules of reports.</summary>
public static class ReportRules
{
    /// <summary>Most evidence messages per report: up to 30 of the conversation's messages, chosen by the reporter.</summary>
    public const int MaxEvidence = 30;

    /// <summary>Longest note.</summary>
    public const int MaxNoteLength = 1000;

    /// <summary>Longest resolution note.</summary>
    public const int MaxResolutionNoteLength = 1000;
}

/// <summary>Report call outcomes.</summary>
[GenerateSerializer, Alias("OrleansDirect.Reports.ReportStatus")]
public enum ReportStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>The report is malformed (missing target fields, note too long, too many or repeated evidence messages).</summary>
    Invalid,

    /// <summary>The conversation or message is not one the reporter can see.</summary>
    NotFound,

    /// <summary>The reported account does not exist.</summary>
    UserNotFound,

    /// <summary>Too many reports; retry later.</summary>
    RateLimited,

    /// <summary>The operator key is missing, wrong, or no key is configured.</summary>
    Forbidden,

    /// <summary>The report was already resolved.</summary>
    AlreadyResolved,
}

/// <summary>Outcome of filing a report.</summary>
/// <param name="Status">What happened.</param>
/// <param name="ReportId">The new report's id.</param>
/// <param name="RetryAfter">When <see cref="ReportStatus.RateLimited"/>: how long until reporting is allowed again.</param>
/// <param name="Blocked">Whether the reported account is now blocked (asked for, and the block list had room).</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Reports.FileReportResult")]
public sealed record FileReportResult(
    [property: Id(0)] ReportStatus Status,
    [property: Id(1)] string? ReportId,
    [property: Id(2)] TimeSpan? RetryAfter = null,
    [property: Id(3)] bool Blocked = false);

/// <summary>How an operator closed a report.</summary>
[GenerateSerializer, Alias("OrleansDirect.Reports.ReportOutcome")]
public enum ReportOutcome
{
    /// <summary>Reviewed; nothing to do.</summary>
    NoAction,

    /// <summary>Reviewed; action was taken outside this system.</summary>
    ActionTaken,
}

/// <summary>An operator's resolution.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Reports.ReportResolution")]
public sealed record ReportResolution([property: Id(0)] ReportOutcome Outcome, [property: Id(1)] string? Note);

/// <summary>A stored report as the operator sees it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Reports.ReportView")]
public sealed record ReportView(
    [property: Id(0)] string ReportId,
    [property: Id(1)] string ReporterId,
    [property: Id(2)] ReportTarget Target,
    [property: Id(3)] string? ConversationId,
    [property: Id(4)] long? Seq,
    [property: Id(5)] string? AccountId,
    [property: Id(6)] ReportReason Reason,
    [property: Id(7)] string? Note,
    [property: Id(8)] IReadOnlyList<ChatMessage> Evidence,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] ReportOutcome? Outcome,
    [property: Id(11)] string? ResolutionNote,
    [property: Id(12)] DateTimeOffset? ResolvedAt);

/// <summary>Outcome of an operator call that returns one report.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Reports.ReportResult")]
public sealed record ReportResult([property: Id(0)] ReportStatus Status, [property: Id(1)] ReportView? Report);

/// <summary>An operator's page request.</summary>
/// <param name="Cursor">Opaque cursor from the previous page.</param>
/// <param name="Limit">Page size, 1 to 100.</param>
/// <param name="OpenOnly">Only reports not yet resolved.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Reports.ReportListQuery")]
public sealed record ReportListQuery([property: Id(0)] string? Cursor, [property: Id(1)] int Limit, [property: Id(2)] bool OpenOnly);

/// <summary>A summary line in the operator's list.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Reports.ReportSummary")]
public sealed record ReportSummary(
    [property: Id(0)] string ReportId,
    [property: Id(1)] ReportTarget Target,
    [property: Id(2)] ReportReason Reason,
    [property: Id(3)] string? AccountId,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool Resolved);

/// <summary>One page of reports.</summary>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Reports.ReportListPage")]
public sealed record ReportListPage(
    [property: Id(0)] ReportStatus Status,
    [property: Id(1)] IReadOnlyList<ReportSummary> Reports,
    [property: Id(2)] string? NextCursor);
