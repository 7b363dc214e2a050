using Orleans.Concurrency;

namespace OrleansDirect.Diagnostics;

/// <summary>Answers pings; see <see cref="IPingGrain"/>.</summary>
[StatelessWorker]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
