namespace OrleansDirect.Hosting;

/// <summary>Account and session settings (configuration section <c>Accounts</c>).</summary>
public sealed class AccountOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Accounts";

    /// <summary>PBKDF2-HMAC-SHA512 iterations for new password hashes. OWASP's 2023 figure is 210,000.</summary>
    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>How long a session token stays valid.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Open sessions per user; signing in once more revokes the oldest.</summary>
    public int MaxSessionsPerUser { get; set; } = 20;

    /// <summary>
    /// Failed sign-ins allowed per handle per hour (also the burst). Attempts beyond it are refused without checking
    /// the password until the allowance refills; successful sign-ins do not count.
    /// </summary>
    public int SignInFailuresPerHour { get; set; } = 10;
}
