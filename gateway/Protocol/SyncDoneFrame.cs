namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>sync_done</c>: catch-up finished; when <c>complete</c> is false, sync again with the new cursors.</summary>
public sealed record SyncDoneFrame(bool Complete, IReadOnlyDictionary<string, long> Cursors) : ServerFrame
{
    public override string Type => "sync_done";
}
