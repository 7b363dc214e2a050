namespace OrleansDirect.Silo.Options;

/// <summary>Stream delivery tuning (configuration section <c>Streams</c>).</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Streams";

    /// <summary>
    /// How often each pulling agent polls its memory queues. Memory streams have no wake-up signal, so this bounds the
    /// delivery delay (about half of it on average); the cost is idle CPU proportional to queues / period.
    /// </summary>
    public TimeSpan PollingPeriod { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Number of memory stream queues spread over the silos.</summary>
    public int QueueCount { get; set; } = 8;
}
