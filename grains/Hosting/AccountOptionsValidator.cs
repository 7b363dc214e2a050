using Microsoft.Extensions.Options;

namespace OrleansDirect.Hosting;

/// <summary>Validates <see cref="AccountOptions"/> at start-up, naming the setting to fix.</summary>
public sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
{
    /// <summary>Fewest iterations accepted. Lower values make stolen hashes cheap to crack.</summary>
    public const int MinimumIterations = 10_000;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AccountOptions options)
    {
        List<string> failures = [];
        if (options.PasswordHashIterations is < MinimumIterations or > 10_000_000)
        {
            failures.Add($"Accounts:PasswordHashIterations (env Accounts__PasswordHashIterations) must be between {MinimumIterations} and 10000000; it is {options.PasswordHashIterations}.");
        }

        if (options.SessionLifetime < TimeSpan.FromSeconds(5) || options.SessionLifetime > TimeSpan.FromDays(365))
        {
            failures.Add($"Accounts:SessionLifetime (env Accounts__SessionLifetime) must be between 00:00:05 and 365.00:00:00; it is {options.SessionLifetime}.");
        }

        if (options.MaxSessionsPerUser is < 1 or > 100)
        {
            failures.Add($"Accounts:MaxSessionsPerUser (env Accounts__MaxSessionsPerUser) must be between 1 and 100; it is {options.MaxSessionsPerUser}.");
        }

        if (options.SignInFailuresPerHour is < 1 or > 10_000)
        {
            failures.Add($"Accounts:SignInFailuresPerHour (env Accounts__SignInFailuresPerHour) must be between 1 and 10000; it is {options.SignInFailuresPerHour}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
