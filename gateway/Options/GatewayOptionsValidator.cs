using Microsoft.Extensions.Options;

namespace OrleansDirect.Gateway.Options;

/// <summary>Checks <see cref="GatewayOptions"/>; each message names the setting and its environment variable.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <summary>A maximal text message, JSON-escaped at 6 bytes per character, must still fit in one frame.</summary>
    public const int MinimumFrameBytes = 32 * 1024;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        List<string> failures = [];
        if (options.MaxFrameBytes is < MinimumFrameBytes or > 16 * 1024 * 1024)
        {
            failures.Add($"Gateway:MaxFrameBytes (env Gateway__MaxFrameBytes) must be between {MinimumFrameBytes} and 16777216; it is {options.MaxFrameBytes}.");
        }

        if (options.SendQueueCapacity is < 8 or > 100_000)
        {
            failures.Add($"Gateway:SendQueueCapacity (env Gateway__SendQueueCapacity) must be between 8 and 100000; it is {options.SendQueueCapacity}.");
        }

        if (options.AuthTimeout < TimeSpan.FromMilliseconds(100) || options.AuthTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Gateway:AuthTimeout (env Gateway__AuthTimeout) must be between 00:00:00.1 and 00:05:00; it is {options.AuthTimeout}.");
        }

        if (options.MaxUploadBytes is < 1024 or > 4L * 1024 * 1024 * 1024)
        {
            failures.Add($"Gateway:MaxUploadBytes (env Gateway__MaxUploadBytes) must be between 1024 and 4294967296; it is {options.MaxUploadBytes}.");
        }

        if (options.MaxSyncMessages is < 100 or > 100_000)
        {
            failures.Add($"Gateway:MaxSyncMessages (env Gateway__MaxSyncMessages) must be between 100 and 100000; it is {options.MaxSyncMessages}.");
        }

        if (options.OverflowCloseTimeout < TimeSpan.FromMilliseconds(100) || options.OverflowCloseTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Gateway:OverflowCloseTimeout (env Gateway__OverflowCloseTimeout) must be between 00:00:00.1 and 00:05:00; it is {options.OverflowCloseTimeout}.");
        }

        if (options.KeepAliveInterval < TimeSpan.FromSeconds(1) || options.KeepAliveInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Gateway:KeepAliveInterval (env Gateway__KeepAliveInterval) must be between 00:00:01 and 00:10:00; it is {options.KeepAliveInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
