namespace OrleansDirect.Tests;

/// <summary>Two real silos and a gateway on 127.0.0.1 (see <see cref="LocalSystem"/>); tests may start more gateways.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string?> GatewaySettings = new Dictionary<string, string?>
    {
        ["Gateway:AuthTimeout"] = "00:00:02",
        ["Gateway:SendQueueCapacity"] = "16",
        ["Gateway:OverflowCloseTimeout"] = "00:01:00",
        ["Gateway:MaxSyncMessages"] = "100",
    };

    private LocalSystem _system = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await LocalSystem.StartAsync(silos: 2, TestSettings.Silo, GatewaySettings);
        Gateway = await _system.StartGatewayAsync();
    }

    /// <summary>Starts one more gateway against the same silos, with <paramref name="extraSettings"/> on top of <see cref="GatewaySettings"/>.</summary>
    public Task<RunningGateway> StartGatewayAsync(IReadOnlyDictionary<string, string?>? extraSettings = null) => _system.StartGatewayAsync(extraSettings);

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
