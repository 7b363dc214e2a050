using OrleansDirect.Hosting;

namespace OrleansDirect.Reports;

/// <summary>One stored report. Key: the report id. Silo-internal: users file through <see cref="IReportsGrain"/>, operators read through <see cref="IReportAdminGrain"/>.</summary>
[Alias("OrleansDirect.Reports.IReportGrain")]
public interface IReportGrain : IGrainWithStringKey
{
    /// <summary>Stores the report and lists it in the operator's index. Creating an existing report is a no-op.</summary>
    [Alias("Create")]
    Task CreateAsync(ReportView report);

    /// <summary>The report, or null when none has this id.</summary>
    [Alias("Get")]
    Task<ReportView?> GetAsync();

    /// <summary>Resolves the report; null when none has this id, false when it was already resolved.</summary>
    [Alias("Resolve")]
    Task<bool?> ResolveAsync(ReportResolution resolution, DateTimeOffset at);
}

/// <summary>Persisted state of <see cref="ReportGrain"/>. Bounded: at most 30 evidence messages of bounded size.</summary>
[GenerateSerializer, Alias("OrleansDirect.Reports.ReportState")]
public sealed class ReportState
{
    /// <summary>The report; null until created.</summary>
    [Id(0)] public ReportView? Report { get; set; }

    /// <summary>The index segment that lists it.</summary>
    [Id(1)] public long? Segment { get; set; }
}

/// <inheritdoc cref="IReportGrain"/>
public sealed class ReportGrain([PersistentState("report", StorageNames.Reports)] IPersistentState<ReportState> state) : Grain, IReportGrain
{
    /// <summary>Report ids: "rpt_" and 32 lower-case hex digits.</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: 36 } && id.StartsWith("rpt_", StringComparison.Ordinal) && id.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;

    public async Task CreateAsync(ReportView report)
    {
        if (state.State.Report is null)
        {
            state.State.Report = report;
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

        if (state.State.Segment is null)
        {
            var summary = new ReportSummary(report.ReportId, report.Target, report.Reason, report.AccountId, report.CreatedAt, Resolved: false);
            state.State.Segment = await GrainFactory.GetGrain<IReportIndexGrain>(0).AddAsync(summary);
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }
    }

    public Task<ReportView?> GetAsync() => Task.FromResult(state.State.Report);

    public async Task<bool?> ResolveAsync(ReportResolution resolution, DateTimeOffset at)
    {
        if (state.State.Report is not { } report)
        {
            return null;
        }

        if (report.Outcome is not null)
        {
            return false;
        }

        state.State.Report = report with { Outcome = resolution.Outcome, ResolutionNote = resolution.Note, ResolvedAt = at };
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        if (state.State.Segment is { } segment)
        {
            await GrainFactory.GetGrain<IReportIndexGrain>(0).MarkResolvedAsync(segment, report.ReportId);
        }

        return true;
    }
}
