namespace OrleansDirect.Reports;

/// <summary>
/// Where users file reports. Key: 0 (stateless). The reporter is the authenticated caller; the reported account is
/// never told. Evidence is copied from the conversation at filing time, only from messages the reporter may read (a
/// member, from their join point on), and as stored: the operator sees what was sent, even where the reporter's own
/// copy was masked or had its preview removed.
/// </summary>
[Alias("OrleansDirect.Reports.IReportsGrain")]
public interface IReportsGrain : IGrainWithIntegerKey
{
    /// <summary>Files a report.</summary>
    [Alias("File")]
    Task<FileReportResult> FileAsync(string callerId, ReportDraft draft);
}

/// <summary>
/// The operator's view of reports. Key: 0 (stateless). Every call carries the operator key, which the silo checks
/// against its own configuration; without a configured key every call is refused.
/// </summary>
[Alias("OrleansDirect.Reports.IReportAdminGrain")]
public interface IReportAdminGrain : IGrainWithIntegerKey
{
    /// <summary>Pages reports, newest first.</summary>
    [Alias("List")]
    Task<ReportListPage> ListAsync(string operatorKey, ReportListQuery query);

    /// <summary>Reads one report with its evidence.</summary>
    [Alias("Get")]
    Task<ReportResult> GetAsync(string operatorKey, string reportId);

    /// <summary>Resolves an open report. Resolving again is refused with <see cref="ReportStatus.AlreadyResolved"/>.</summary>
    [Alias("Resolve")]
    Task<ReportResult> ResolveAsync(string operatorKey, string reportId, ReportResolution resolution);
}
