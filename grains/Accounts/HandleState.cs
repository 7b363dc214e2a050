namespace OrleansDirect.Accounts;

/// <summary>Persisted state of <see cref="HandleGrain"/>.</summary>
[GenerateSerializer, Alias("OrleansDirect.Accounts.HandleState")]
public sealed class HandleState
{
    /// <summary>The user who holds the handle.</summary>
    [Id(0)] public string? OwnerUserId { get; set; }
}
