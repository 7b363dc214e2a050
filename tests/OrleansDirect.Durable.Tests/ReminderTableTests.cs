using Microsoft.Extensions.DependencyInjection;

namespace OrleansDirect.Tests;

/// <summary>The silo's reminder table in PostgreSQL mode: the ADO.NET provider against our schema, round trip.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Durable")]
public sealed class ReminderTableTests(PostgresFixture fixture)
{
    [Fact]
    public async Task ReminderTable_StoresReadsAndRemovesRowsInPostgres()
    {
        var deployment = await fixture.NewDeploymentAsync();
        await using var system = await LocalSystem.StartAsync(silos: 1, deployment.Silo, deployment.Gateway);
        var table = system.SiloServices(0).GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("conversation", "dm_" + Guid.NewGuid().ToString("N"));
        var startAt = new DateTime(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc);

        var etag = await table.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "expire", StartAt = startAt, Period = TimeSpan.FromMinutes(5) });
        Assert.NotNull(etag);
        var row = await table.ReadRow(grainId, "expire");
        Assert.NotNull(row);
        var all = await table.ReadRows(grainId);
        var staleRemove = await table.RemoveRow(grainId, "expire", (int.Parse(etag, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var remove = await table.RemoveRow(grainId, "expire", etag);

        Assert.Equal((startAt, TimeSpan.FromMinutes(5), etag), (row.StartAt, row.Period, row.ETag));
        Assert.Single(all.Reminders);
        Assert.False(staleRemove);
        Assert.True(remove);
        Assert.Empty((await table.ReadRows(grainId)).Reminders);
    }
}
