using Microsoft.Extensions.Options;

namespace OrleansDirect.Hosting;

/// <summary>Validates <see cref="ConversationOptions"/> at start-up, naming the setting to fix.</summary>
public sealed class ConversationOptionsValidator : IValidateOptions<ConversationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConversationOptions options) =>
        options.IdempotencyWindow is >= 16 and <= 10_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Conversations:IdempotencyWindow (env Conversations__IdempotencyWindow) must be between 16 and 10000; it is {options.IdempotencyWindow}.");
}
