using OrleansDirect.Reports;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>Body of <c>POST /v1/operator/reports/{id}/resolution</c>.</summary>
public sealed record ResolveReportRequest(string? Outcome, string? Note);

/// <summary>A page of reports for operators.</summary>
public sealed record WireReportList(IReadOnlyList<WireReportSummary> Reports, string? NextCursor);

/// <summary>One line of the operator's report list.</summary>
public sealed record WireReportSummary(string ReportId, string Target, string Reason, string? UserId, DateTimeOffset CreatedAt, bool Resolved)
{
    public static WireReportSummary From(ReportSummary s) =>
        new(s.ReportId, WireNames.Of(s.Target), WireNames.Of(s.Reason), s.AccountId, s.CreatedAt, s.Resolved);
}

/// <summary>A report with its evidence, for operators.</summary>
public sealed record WireReport(
    string ReportId, string ReporterId, string Target, string? ConversationId, long? Seq, string? UserId, string Reason, string? Note,
    IReadOnlyList<WireMessage> Evidence, DateTimeOffset CreatedAt, string? Outcome, string? ResolutionNote, DateTimeOffset? ResolvedAt)
{
    public static WireReport From(ReportView r) =>
        new(r.ReportId, r.ReporterId, WireNames.Of(r.Target), r.ConversationId, r.Seq, r.AccountId, WireNames.Of(r.Reason), r.Note,
            r.Evidence.Select(WireMessage.From).ToList(), r.CreatedAt, r.Outcome is { } o ? WireNames.Of(o) : null, r.ResolutionNote, r.ResolvedAt);
}
