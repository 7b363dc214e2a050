using Microsoft.Extensions.Options;

namespace OrleansDirect.Hosting;

/// <summary>Validates <see cref="ConversationOptions"/> at start-up, naming the setting to fix.</summary>
public sealed class ConversationOptionsValidator : IValidateOptions<ConversationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConversationOptions options)
    {
        List<string> failures = [];
        if (options.IdempotencyWindow is < 16 or > 10_000)
        {
            failures.Add($"Conversations:IdempotencyWindow (env Conversations__IdempotencyWindow) must be between 16 and 10000; it is {options.IdempotencyWindow}.");
        }

        if (options.MaxGroupMembers is < 3 or > 256)
        {
            failures.Add($"Conversations:MaxGroupMembers (env Conversations__MaxGroupMembers) must be between 3 and 256; it is {options.MaxGroupMembers}.");
        }

        if (options.DisappearingTimers.Count > 20 || options.DisappearingTimers.Exists(t => t < TimeSpan.FromSeconds(1) || t > TimeSpan.FromDays(365)))
        {
            failures.Add("Conversations:DisappearingTimers (env Conversations__DisappearingTimers__0, __1, ...) holds at most 20 timers, each between 00:00:01 and 365.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
