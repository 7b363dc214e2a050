namespace OrleansDirect.Social;

/// <summary>
/// A token bucket: holds up to <see cref="Capacity"/> tokens and refills at <see cref="PerSecond"/>. Pure; the caller
/// passes the time. Not thread-safe (a grain's turn is single-threaded).
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _capacity;
    private readonly double _perSecond;
    private double _tokens;
    private DateTimeOffset _at;

    public TokenBucket(double capacity, double perSecond, DateTimeOffset now)
    {
        (_capacity, _perSecond, _tokens, _at) = (capacity, perSecond, capacity, now);
    }

    /// <summary>How long until one token is available, or zero when one is available now.</summary>
    public TimeSpan WaitFor(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Ceiling((1 - _tokens) / _perSecond * 1000) / 1000);
    }

    /// <summary>Takes one token; call only after <see cref="WaitFor"/> returned zero.</summary>
    public void Take(DateTimeOffset now)
    {
        Refill(now);
        _tokens = Math.Max(0, _tokens - 1);
    }

    /// <summary>Gives back one token taken earlier (never above capacity).</summary>
    public void Return(DateTimeOffset now)
    {
        Refill(now);
        _tokens = Math.Min(_capacity, _tokens + 1);
    }

    /// <summary>How long until the bucket is full again; zero when it is full.</summary>
    public TimeSpan TimeUntilFull(DateTimeOffset now)
    {
        Refill(now);
        return _tokens >= _capacity ? TimeSpan.Zero : TimeSpan.FromSeconds((_capacity - _tokens) / _perSecond);
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _at)
        {
            _tokens = Math.Min(_capacity, _tokens + (now - _at).TotalSeconds * _perSecond);
            _at = now;
        }
    }
}

/// <summary>The rate-limited actions; a call may cost several at once.</summary>
[Flags]
[GenerateSerializer, Alias("OrleansDirect.Social.RateCost")]
public enum RateCost
{
    /// <summary>Free.</summary>
    None = 0,

    /// <summary>One message.</summary>
    Message = 1,

    /// <summary>One new conversation.</summary>
    NewConversation = 2,

    /// <summary>One message request.</summary>
    Request = 4,

    /// <summary>One follow.</summary>
    Follow = 8,

    /// <summary>One report.</summary>
    Report = 16,

    /// <summary>One typing notification.</summary>
    Typing = 32,

    /// <summary>One media upload (photo, video or voice note).</summary>
    Upload = 64,

    /// <summary>One data download (export) started.</summary>
    Export = 128,
}

/// <summary>One user's buckets, created lazily, held in memory by their social grain.</summary>
internal sealed class RateLimiter(Hosting.RateLimitOptions options)
{
    private readonly Dictionary<RateCost, TokenBucket> _buckets = [];

    /// <summary>Takes one token of every kind in <paramref name="cost"/>, or none and returns the longest wait.</summary>
    public TimeSpan? TryTake(RateCost cost, DateTimeOffset now)
    {
        var kinds = Enum.GetValues<RateCost>().Where(k => k != RateCost.None && cost.HasFlag(k)).ToList();
        var wait = kinds.Select(k => Bucket(k, now).WaitFor(now)).DefaultIfEmpty(TimeSpan.Zero).Max();
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }

        foreach (var kind in kinds)
        {
            Bucket(kind, now).Take(now);
        }

        return null;
    }

    /// <summary>How long until every bucket used so far is full again; zero when they all are.</summary>
    public TimeSpan TimeUntilFull(DateTimeOffset now) =>
        _buckets.Values.Select(b => b.TimeUntilFull(now)).DefaultIfEmpty(TimeSpan.Zero).Max();

    private TokenBucket Bucket(RateCost kind, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(kind, out var bucket))
        {
            var (capacity, perSecond) = kind switch
            {
                RateCost.Message => (options.MessageBurst, options.MessagesPerSecond),
                RateCost.NewConversation => (options.NewConversationsPerHour, options.NewConversationsPerHour / 3600.0),
                RateCost.Request => (options.RequestsPerHour, options.RequestsPerHour / 3600.0),
                RateCost.Follow => (options.FollowsPerHour, options.FollowsPerHour / 3600.0),
                RateCost.Typing => (options.TypingBurst, options.TypingPerSecond),
                RateCost.Upload => (options.UploadsPerHour, options.UploadsPerHour / 3600.0),
                RateCost.Export => (options.ExportsPerDay, options.ExportsPerDay / 86400.0),
                RateCost.Report => (options.ReportsPerHour, options.ReportsPerHour / 3600.0),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A rate-limited action without a bucket."),
            };
            bucket = new TokenBucket(capacity, perSecond, now);
            _buckets[kind] = bucket;
        }

        return bucket;
    }
}
