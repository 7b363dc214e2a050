namespace OrleansDirect.Tests;

/// <summary>
/// A few seconds of the WebSocket load generator (tests/Shared/WsLoad.cs) against the test gateway: 1:1 pairs and a
/// full 31-member group over real sockets. It asserts correctness only (nothing lost, nothing twice).
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class LoadSmokeTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ShortWebSocketLoad_LosesAndDuplicatesNothing()
    {
        var report = await WsLoad.RunAsync(new OrleansDirectLoadTarget(fixture.Gateway.BaseAddress),
            new WsLoadSettings(Connections: 41, Groups: 1, GroupSize: 31, MessagesPerSender: 4, RatePerSecond: 0, MaxDuration: TimeSpan.FromSeconds(20)));

        Assert.Equal((0L, 0L), (report.Lost, report.Duplicated));
        Assert.Equal((5, 1), (report.Pairs, report.Groups));
        Assert.Equal((5 * 2 + 3) * 4, report.MessagesAccepted);
        Assert.Equal(5 * 2 * 4 + 3 * 4 * 30, report.Deliveries);
    }
}
