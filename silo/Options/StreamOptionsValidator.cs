using Microsoft.Extensions.Options;

namespace OrleansDirect.Silo.Options;

/// <summary>Checks <see cref="StreamOptions"/>.</summary>
public sealed class StreamOptionsValidator : IValidateOptions<StreamOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamOptions options)
    {
        List<string> failures = [];
        if (options.PollingPeriod < TimeSpan.FromMilliseconds(1) || options.PollingPeriod > TimeSpan.FromSeconds(1))
        {
            failures.Add($"Streams:PollingPeriod (env Streams__PollingPeriod) must be between 00:00:00.001 and 00:00:01; it is {options.PollingPeriod}.");
        }

        if (options.QueueCount is < 1 or > 256)
        {
            failures.Add($"Streams:QueueCount (env Streams__QueueCount) must be between 1 and 256; it is {options.QueueCount}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
