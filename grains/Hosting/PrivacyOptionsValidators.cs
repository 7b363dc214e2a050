using Microsoft.Extensions.Options;
using OrleansDirect.Social;

namespace OrleansDirect.Hosting;

/// <summary>Validates <see cref="PrivacyOptions"/> at start-up, naming the setting to fix.</summary>
public sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        List<string> failures = [];
        if (options.NewAccountAge < TimeSpan.Zero || options.NewAccountAge > TimeSpan.FromDays(365))
        {
            failures.Add($"Privacy:NewAccountAge (env Privacy__NewAccountAge) must be between 00:00:00 and 365.00:00:00; it is {options.NewAccountAge}.");
        }

        Check(failures, "MaxFollowing", options.MaxFollowing, 1, 100_000);
        Check(failures, "MaxBlocked", options.MaxBlocked, 1, 100_000);
        Check(failures, "MaxRestricted", options.MaxRestricted, 1, 100_000);
        Check(failures, "FollowersPerSegment", options.FollowersPerSegment, 10, 10_000);
        if (options.DefaultHiddenWords.Count > HiddenWords.MaxWords)
        {
            failures.Add($"Privacy:DefaultHiddenWords has {options.DefaultHiddenWords.Count} entries; at most {HiddenWords.MaxWords} are allowed.");
        }

        foreach (var word in options.DefaultHiddenWords)
        {
            if (HiddenWords.Normalize(word) is null)
            {
                failures.Add($"Privacy:DefaultHiddenWords contains '{word}', which is empty, longer than {HiddenWords.MaxWordLength} characters or has control characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void Check(List<string> failures, string setting, double value, double min, double max, string section = PrivacyOptions.SectionName)
    {
        if (value < min || value > max || double.IsNaN(value))
        {
            failures.Add($"{section}:{setting} (env {section}__{setting}) must be between {min} and {max}; it is {value}.");
        }
    }
}

/// <summary>Validates <see cref="RateLimitOptions"/> at start-up, naming the setting to fix.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        List<string> failures = [];
        const string section = RateLimitOptions.SectionName;
        PrivacyOptionsValidator.Check(failures, "MessagesPerSecond", options.MessagesPerSecond, 0.01, 10_000, section);
        PrivacyOptionsValidator.Check(failures, "MessageBurst", options.MessageBurst, 1, 100_000, section);
        PrivacyOptionsValidator.Check(failures, "NewConversationsPerHour", options.NewConversationsPerHour, 1, 1_000_000, section);
        PrivacyOptionsValidator.Check(failures, "RequestsPerHour", options.RequestsPerHour, 1, 1_000_000, section);
        PrivacyOptionsValidator.Check(failures, "FollowsPerHour", options.FollowsPerHour, 1, 1_000_000, section);
        PrivacyOptionsValidator.Check(failures, "ReportsPerHour", options.ReportsPerHour, 1, 1_000_000, section);
        PrivacyOptionsValidator.Check(failures, "TypingPerSecond", options.TypingPerSecond, 0.01, 10_000, section);
        PrivacyOptionsValidator.Check(failures, "TypingBurst", options.TypingBurst, 1, 100_000, section);
        PrivacyOptionsValidator.Check(failures, "UploadsPerHour", options.UploadsPerHour, 1, 1_000_000, section);
        PrivacyOptionsValidator.Check(failures, "ExportsPerDay", options.ExportsPerDay, 1, 10_000, section);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Validates <see cref="ReportOptions"/> at start-up, naming the setting to fix.</summary>
public sealed class ReportOptionsValidator : IValidateOptions<ReportOptions>
{
    /// <summary>Shortest operator key accepted.</summary>
    public const int MinimumKeyLength = 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ReportOptions options) =>
        options.OperatorKey is null || options.OperatorKey.Length >= MinimumKeyLength
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Reports:OperatorKey (env Reports__OperatorKey) must have at least {MinimumKeyLength} characters, or be unset to turn the operator endpoints off.");
}
