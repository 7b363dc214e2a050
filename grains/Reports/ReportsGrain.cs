using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansDirect.Conversations;
using OrleansDirect.Hosting;
using OrleansDirect.Social;
using OrleansDirect.Users;

namespace OrleansDirect.Reports;

/// <summary>Files reports; see <see cref="IReportsGrain"/>.</summary>
[StatelessWorker]
public sealed partial class ReportsGrain(TimeProvider clock, ILogger<ReportsGrain> logger) : Grain, IReportsGrain
{
    public async Task<FileReportResult> FileAsync(string callerId, ReportDraft draft)
    {
        if (string.IsNullOrEmpty(callerId) || ReportPolicy.Check(draft) is not { } evidenceSeqs)
        {
            return new FileReportResult(ReportStatus.Invalid, null);
        }

        var rate = await GrainFactory.GetGrain<IContactGate>(callerId).GetStanceAsync(draft.AccountId ?? "", RateCost.Report);
        if (rate.RateLimitedFor is { } wait)
        {
            return new FileReportResult(ReportStatus.RateLimited, null, wait);
        }

        // Evidence is copied now, as stored, from messages the reporter may read: a later unsend or expiry does not empty
        // the report, and the operator sees what was sent even where the reporter's copy was masked.
        IReadOnlyList<ChatMessage> evidence = [];
        var accountId = draft.AccountId;
        if (draft.ConversationId is { } conversationId)
        {
            var found = await GrainFactory.GetGrain<IConversationRelations>(conversationId).GetEvidenceAsync(callerId, evidenceSeqs);
            if (!found.Found)
            {
                return new FileReportResult(ReportStatus.NotFound, null);
            }

            evidence = found.Messages;
            accountId = draft.Target switch
            {
                ReportTarget.Message => evidence.FirstOrDefault(m => m.Seq == draft.Seq)?.SenderId,
                ReportTarget.Conversation => found.OtherMemberIds is [var other] ? other : null,
                _ => accountId,
            };

            // System messages (membership changes) are not anyone's message to report.
            if (draft.Target == ReportTarget.Message && evidence.FirstOrDefault(m => m.Seq == draft.Seq)?.Event is not null)
            {
                return new FileReportResult(ReportStatus.Invalid, null);
            }

            if (draft.Target == ReportTarget.Message && (accountId is null || accountId == callerId))
            {
                return new FileReportResult(accountId is null ? ReportStatus.NotFound : ReportStatus.Invalid, null);
            }

            // Evidence for an account report comes from a conversation with that account.
            if (draft.Target == ReportTarget.Account && !found.OtherMemberIds.Contains(accountId!))
            {
                return new FileReportResult(ReportStatus.Invalid, null);
            }
        }

        if (draft.Target == ReportTarget.Account && (accountId == callerId || await GrainFactory.GetGrain<IUserAccountGrain>(accountId!).GetProfileAsync() is null))
        {
            return new FileReportResult(accountId == callerId ? ReportStatus.Invalid : ReportStatus.UserNotFound, null);
        }

        // The block comes first: it is idempotent, so a retry after a failure in between files the report once.
        var blocked = draft.Block && accountId is not null && accountId != callerId
            && (await GrainFactory.GetGrain<ISocialGrain>(callerId).BlockAsync(callerId, accountId)).Status == SocialStatus.Ok;

        var id = "rpt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var report = new ReportView(id, callerId, draft.Target, draft.ConversationId, draft.Seq, accountId, draft.Reason, draft.Note, evidence,
            clock.GetUtcNow(), null, null, null);
        await GrainFactory.GetGrain<IReportGrain>(id).CreateAsync(report);
        LogFiled(logger, id, draft.Reason);
        return new FileReportResult(ReportStatus.Ok, id, Blocked: blocked);
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Report {ReportId} filed ({Reason})")]
    private static partial void LogFiled(ILogger logger, string reportId, ReportReason reason);
}

/// <summary>Reads and resolves reports for operators; see <see cref="IReportAdminGrain"/>.</summary>
[StatelessWorker]
public sealed partial class ReportAdminGrain(IOptions<ReportOptions> options, TimeProvider clock, ILogger<ReportAdminGrain> logger) : Grain, IReportAdminGrain
{
    public Task<ReportListPage> ListAsync(string operatorKey, ReportListQuery query) =>
        IsOperator(operatorKey)
            ? GrainFactory.GetGrain<IReportIndexGrain>(0).GetPageAsync(query)
            : Task.FromResult(new ReportListPage(ReportStatus.Forbidden, [], null));

    public async Task<ReportResult> GetAsync(string operatorKey, string reportId)
    {
        if (!IsOperator(operatorKey))
        {
            return new ReportResult(ReportStatus.Forbidden, null);
        }

        return ReportGrain.IsWellFormedId(reportId) && await GrainFactory.GetGrain<IReportGrain>(reportId).GetAsync() is { } report
            ? new ReportResult(ReportStatus.Ok, report)
            : new ReportResult(ReportStatus.NotFound, null);
    }

    public async Task<ReportResult> ResolveAsync(string operatorKey, string reportId, ReportResolution resolution)
    {
        if (!IsOperator(operatorKey))
        {
            return new ReportResult(ReportStatus.Forbidden, null);
        }

        if (!Enum.IsDefined(resolution.Outcome) || resolution.Note?.Length > ReportRules.MaxResolutionNoteLength)
        {
            return new ReportResult(ReportStatus.Invalid, null);
        }

        if (!ReportGrain.IsWellFormedId(reportId))
        {
            return new ReportResult(ReportStatus.NotFound, null);
        }

        var report = GrainFactory.GetGrain<IReportGrain>(reportId);
        var resolved = await report.ResolveAsync(resolution, clock.GetUtcNow());
        if (resolved is true)
        {
            LogResolved(logger, reportId, resolution.Outcome);
        }

        return resolved switch
        {
            null => new ReportResult(ReportStatus.NotFound, null),
            false => new ReportResult(ReportStatus.AlreadyResolved, await report.GetAsync()),
            true => new ReportResult(ReportStatus.Ok, await report.GetAsync()),
        };
    }

    // Both sides are hashed first, so the comparison takes the same time whatever the lengths.
    private bool IsOperator(string? presented) =>
        options.Value.OperatorKey is { } key && presented is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Report {ReportId} resolved: {Outcome}")]
    private static partial void LogResolved(ILogger logger, string reportId, ReportOutcome outcome);
}

/// <summary>Shape rules of a report draft, pure.</summary>
internal static class ReportPolicy
{
    /// <summary>The evidence sequence numbers to copy (the reported message included), or null when the draft is malformed.</summary>
    public static IReadOnlyList<long>? Check(ReportDraft draft)
    {
        if (!Enum.IsDefined(draft.Target) || !Enum.IsDefined(draft.Reason)
            || draft.Note is { Length: > ReportRules.MaxNoteLength }
            || draft.Note?.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) == true
            || draft.EvidenceSeqs.Any(s => s < 1) || draft.EvidenceSeqs.Distinct().Count() != draft.EvidenceSeqs.Count
            || (draft.ConversationId is not null && !ConversationIds.IsWellFormed(draft.ConversationId))
            || (draft.EvidenceSeqs.Count > 0 && draft.ConversationId is null))
        {
            return null;
        }

        var valid = draft.Target switch
        {
            ReportTarget.Message => draft.ConversationId is not null && draft.Seq > 0 && draft.AccountId is null,
            ReportTarget.Conversation => draft.ConversationId is not null && draft.Seq is null && draft.AccountId is null,
            _ => !string.IsNullOrEmpty(draft.AccountId) && draft.Seq is null,
        };
        if (!valid)
        {
            return null;
        }

        var seqs = draft.Target == ReportTarget.Message && !draft.EvidenceSeqs.Contains(draft.Seq!.Value)
            ? [.. draft.EvidenceSeqs, draft.Seq.Value]
            : draft.EvidenceSeqs.ToList();
        return seqs.Count <= ReportRules.MaxEvidence ? seqs : null;
    }
}
