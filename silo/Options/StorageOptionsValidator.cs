using Microsoft.Extensions.Options;

namespace OrleansDirect.Silo.Options;

/// <summary>Checks <see cref="StorageOptions"/>.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        options.Provider is StorageProviders.Memory or StorageProviders.PostgreSQL
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Storage:Provider (env Storage__Provider) must be '{StorageProviders.Memory}' or '{StorageProviders.PostgreSQL}'; it is '{options.Provider}'.");
}
