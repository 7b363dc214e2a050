using OrleansDirect.Hosting;
using OrleansDirect.Validation;

namespace OrleansDirect.Reports;

/// <summary>
/// The operator's list of reports. Key: 0. Silo-internal. Summaries are appended to fixed-size
/// <see cref="ReportIndexSegmentGrain"/>s; this grain keeps three numbers, so its state does not grow with reports.
/// </summary>
[Alias("OrleansDirect.Reports.IReportIndexGrain")]
public interface IReportIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Lists a report; returns its segment.</summary>
    [Alias("Add")]
    Task<long> AddAsync(ReportSummary summary);

    /// <summary>Marks a listed report resolved.</summary>
    [Alias("MarkResolved")]
    Task MarkResolvedAsync(long segment, string reportId);

    /// <summary>Pages summaries, newest first.</summary>
    [Alias("GetPage")]
    Task<ReportListPage> GetPageAsync(ReportListQuery query);
}

/// <summary>Persisted state of <see cref="ReportIndexGrain"/>.</summary>
[GenerateSerializer, Alias("OrleansDirect.Reports.ReportIndexState")]
public sealed class ReportIndexState
{
    /// <summary>The segment new reports are appended to.</summary>
    [Id(0)] public long Tail { get; set; }

    /// <summary>Reports appended to the tail segment.</summary>
    [Id(1)] public int TailCount { get; set; }
}

/// <inheritdoc cref="IReportIndexGrain"/>
public sealed class ReportIndexGrain(
    [PersistentState("reportIndex", StorageNames.Reports)] IPersistentState<ReportIndexState> state) : Grain, IReportIndexGrain
{
    /// <summary>Most segments one page call reads (an "open only" page over many resolved reports stops early with a cursor).</summary>
    private const int MaxSegmentsPerPage = 16;

    public async Task<long> AddAsync(ReportSummary summary)
    {
        if (state.State.TailCount >= ReportIndexSegmentGrain.Size)
        {
            state.State.Tail++;
            state.State.TailCount = 0;
        }

        await Segment(state.State.Tail).AddAsync(summary);
        state.State.TailCount++;
        await state.WriteOrDiscardAsync(DeactivateOnIdle);
        return state.State.Tail;
    }

    public Task MarkResolvedAsync(long segment, string reportId) => Segment(segment).MarkResolvedAsync(reportId);

    public async Task<ReportListPage> GetPageAsync(ReportListQuery query)
    {
        if (!MessageRules.IsValidPageSize(query.Limit))
        {
            return new ReportListPage(ReportStatus.Invalid, [], null);
        }

        // Cursor: "{segment}:{index}" = continue in that segment before that index (newest first).
        var (segment, before) = (state.State.Tail, int.MaxValue);
        if (query.Cursor is not null)
        {
            var parts = query.Cursor.Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], out segment) || !int.TryParse(parts[1], out before)
                || segment < 0 || segment > state.State.Tail || before < 0)
            {
                return new ReportListPage(ReportStatus.Invalid, [], null);
            }
        }

        List<ReportSummary> page = [];
        for (var read = 0; segment >= 0 && read < MaxSegmentsPerPage; segment--, read++, before = int.MaxValue)
        {
            var entries = await Segment(segment).ReadAsync();
            for (var i = Math.Min(before, entries.Count) - 1; i >= 0; i--)
            {
                if (query.OpenOnly && entries[i].Resolved)
                {
                    continue;
                }

                if (page.Count == query.Limit)
                {
                    return new ReportListPage(ReportStatus.Ok, page, $"{segment}:{i + 1}");
                }

                page.Add(entries[i]);
            }
        }

        return new ReportListPage(ReportStatus.Ok, page, segment >= 0 ? $"{segment}:{int.MaxValue}" : null);
    }

    private IReportIndexSegmentGrain Segment(long n) => GrainFactory.GetGrain<IReportIndexSegmentGrain>(n);
}

/// <summary>A fixed-size slice of the report index. Key: the segment number. Silo-internal.</summary>
[Alias("OrleansDirect.Reports.IReportIndexSegmentGrain")]
public interface IReportIndexSegmentGrain : IGrainWithIntegerKey
{
    /// <summary>Appends a summary (no-op when already listed).</summary>
    [Alias("Add")]
    Task AddAsync(ReportSummary summary);

    /// <summary>Marks a summary resolved.</summary>
    [Alias("MarkResolved")]
    Task MarkResolvedAsync(string reportId);

    /// <summary>The summaries, oldest first.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<ReportSummary>> ReadAsync();
}

/// <summary>Persisted state of <see cref="ReportIndexSegmentGrain"/>: at most <see cref="ReportIndexSegmentGrain.Size"/> summaries.</summary>
[GenerateSerializer, Alias("OrleansDirect.Reports.ReportIndexSegmentState")]
public sealed class ReportIndexSegmentState
{
    /// <summary>Summaries, oldest first.</summary>
    [Id(0)] public List<ReportSummary> Entries { get; set; } = [];
}

/// <inheritdoc cref="IReportIndexSegmentGrain"/>
public sealed class ReportIndexSegmentGrain(
    [PersistentState("reportIndexSegment", StorageNames.Reports)] IPersistentState<ReportIndexSegmentState> state) : Grain, IReportIndexSegmentGrain
{
    /// <summary>Summaries per segment.</summary>
    public const int Size = 500;

    public async Task AddAsync(ReportSummary summary)
    {
        if (!state.State.Entries.Exists(e => e.ReportId == summary.ReportId))
        {
            state.State.Entries.Add(summary);
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }
    }

    public async Task MarkResolvedAsync(string reportId)
    {
        var index = state.State.Entries.FindIndex(e => e.ReportId == reportId);
        if (index >= 0 && !state.State.Entries[index].Resolved)
        {
            state.State.Entries[index] = state.State.Entries[index] with { Resolved = true };
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }
    }

    public Task<IReadOnlyList<ReportSummary>> ReadAsync() => Task.FromResult<IReadOnlyList<ReportSummary>>(state.State.Entries.ToList());
}
