namespace OrleansDirect.Benchmarks;

/// <summary>
/// Silo settings of the benchmarks: production defaults except where a benchmark would measure something else. Sign-up
/// uses a cheaper password hash (it is not measured); the benchmark accounts are minutes old, so they are not treated as
/// new accounts; and one benchmark sender sends faster than a person may (default 5 messages/s), so the message bucket
/// is raised. Media bytes go to a temporary directory. Everything else, including the privacy checks (both users'
/// stances on every send) and the idempotency window, is as in production.
/// </summary>
public static class BenchmarkSettings
{
    public static Dictionary<string, string?> Silo() => new()
    {
        ["Accounts:PasswordHashIterations"] = "10000",
        ["Privacy:NewAccountAge"] = "00:00:00",
        ["RateLimits:MessagesPerSecond"] = "10000",
        ["RateLimits:MessageBurst"] = "100000",
        ["Media:Directory"] = OrleansDirect.Tests.TestSettings.MediaDirectory,
    };
}
