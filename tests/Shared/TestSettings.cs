namespace OrleansDirect.Tests;

/// <summary>Settings every test silo uses: cheaper password hashing, and small limits that tests can reach.</summary>
public static class TestSettings
{
    public static readonly IReadOnlyDictionary<string, string?> Silo = new Dictionary<string, string?>
    {
        ["Accounts:PasswordHashIterations"] = "10000",
        ["Accounts:MaxSessionsPerUser"] = "3",
        ["Conversations:IdempotencyWindow"] = "16",
    };
}
