using Microsoft.Extensions.Options;

namespace OrleansDirect.Hosting;

/// <summary>Media storage and limits (configuration section <c>Media</c>).</summary>
public sealed class MediaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Media";

    /// <summary>The directory media bytes are kept in. Every silo must reach the same one (a shared volume with several silos).</summary>
    public string Directory { get; set; } = "media";

    /// <summary>Largest photo.</summary>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest video.</summary>
    public long MaxVideoBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Largest voice note.</summary>
    public long MaxVoiceBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>An upload never sent in a message is deleted this long after it began.</summary>
    public TimeSpan UnsentLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A view-once medium not yet opened by every recipient is deleted this long after it was sent.</summary>
    public TimeSpan ViewOnceLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a "download your data" archive exists, counted from the request (it is deleted then, built or not).</summary>
    public TimeSpan ExportLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The limit for a kind.</summary>
    public long MaxBytes(Media.MediaKind kind) => kind switch
    {
        Media.MediaKind.Image => MaxImageBytes,
        Media.MediaKind.Video => MaxVideoBytes,
        _ => MaxVoiceBytes,
    };
}

/// <summary>Validates <see cref="MediaOptions"/> at start-up, naming the setting to fix.</summary>
public sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add("Media:Directory (env Media__Directory) must name a directory.");
        }

        foreach (var (setting, value) in new[] { ("MaxImageBytes", options.MaxImageBytes), ("MaxVideoBytes", options.MaxVideoBytes), ("MaxVoiceBytes", options.MaxVoiceBytes) })
        {
            PrivacyOptionsValidator.Check(failures, setting, value, 1024, 4L * 1024 * 1024 * 1024, MediaOptions.SectionName);
        }

        if (options.UnsentLifetime < TimeSpan.FromMinutes(1) || options.ViewOnceLifetime < TimeSpan.FromMinutes(1) || options.ExportLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add("Media:UnsentLifetime, Media:ViewOnceLifetime and Media:ExportLifetime must be at least 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
