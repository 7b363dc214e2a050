namespace OrleansDirect.Tests;

/// <summary>
/// A few seconds of the load harness (tests/Shared/ClusterLoad.cs) on the shared two-silo cluster: 1:1 pairs and a
/// full 31-member group. It asserts correctness only (nothing lost, nothing twice); speed is for the benchmark program.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class LoadSmokeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ShortLoad_LosesAndDuplicatesNothing()
    {
        var report = await ClusterLoad.RunAsync(fixture.Client, silos: 2, new ClusterLoadSettings(Users: 51, Groups: 1, GroupSize: 31, MessagesPerSender: 5, MaxDuration: TimeSpan.FromSeconds(20)));

        Assert.Equal((0L, 0L), (report.Lost, report.Duplicated));
        Assert.Equal((10, 1), (report.Pairs, report.Groups));
        Assert.Equal((10 * 2 + 3) * 5, report.MessagesAccepted);
        Assert.Equal(10 * 2 * 5 + 3 * 5 * 30, report.Deliveries);
    }
}
