using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

/// <summary>"Download your data": the archive holds exactly what the user may see, and only they can fetch it.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class ExportTests(GatewayFixture fixture)
{
    private RunningGateway Gateway => fixture.Gateway;

    private HttpClient Http(TestUser user) => Accounts.SignedIn(Gateway, user);

    private static async Task<string> UploadAsync(HttpClient http, byte[] content) =>
        (string)(await (await Accounts.UploadAsync(http, content)).Content.ReadFromJsonAsync<JsonObject>())!["mediaId"]!;

    [Fact]
    public async Task Archive_HoldsWhatTheUserMaySee_AndNothingPurged()
    {
        var (alice, bob, carol) = (await Accounts.CreateAsync(Gateway), await Accounts.CreateAsync(Gateway), await Accounts.CreateAsync(Gateway));
        await using var a = await WsClient.ConnectAsync(Gateway.WebSocketUri, "alice");
        await a.AuthAndSyncAsync(alice.Token);
        await using var b = await WsClient.ConnectAsync(Gateway.WebSocketUri, "bob");
        await b.AuthAndSyncAsync(bob.Token);
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        using var aliceHttp = Http(alice);
        using var bobHttp = Http(bob);

        await Conversation.SendAsync(a, conversationId, "keep <this> one");
        var unsent = (long)(await Conversation.SendAsync(b, conversationId, "secret that bob unsends"))["seq"]!;
        var hidden = (long)(await Conversation.SendAsync(b, conversationId, "deleted by alice for herself"))["seq"]!;
        var photo = await UploadAsync(bobHttp, SampleMedia.JpegWithExif());
        var viewOnce = await UploadAsync(bobHttp, SampleMedia.Mp4());
        await Conversation.RequestAsync(b, "p", new { type = "send", id = "p", conversationId, clientMessageId = "p", mediaId = photo });
        await Conversation.RequestAsync(b, "v", new { type = "send", id = "v", conversationId, clientMessageId = "v", mediaId = viewOnce, viewOnce = true });
        await Conversation.RequestAsync(b, "u", new { type = "unsend", id = "u", conversationId, seq = unsent });
        await Conversation.RequestAsync(a, "d", new { type = "delete_for_me", id = "d", conversationId, seq = hidden });
        await Conversation.RequestAsync(a, "f", new { type = "follow", id = "f", userId = bob.UserId });
        await Conversation.RequestAsync(a, "k", new { type = "block", id = "k", userId = carol.UserId });

        var started = await aliceHttp.PostAsync("/v1/exports", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var exportId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["exportId"]!;
        var finished = await a.WaitForAsync("export_finished", "the archive being built", f => (string?)f["exportId"] == exportId);
        Assert.Equal("ready", (string?)finished["status"]);
        Assert.Equal(HttpStatusCode.NotFound, (await bobHttp.GetAsync($"/v1/exports/{exportId}/archive")).StatusCode);
        using var anonymous = Gateway.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/exports/{exportId}/archive")).StatusCode);

        var download = await aliceHttp.GetAsync($"/v1/exports/{exportId}/archive");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        string Read(string path) => new StreamReader(zip.GetEntry(path)!.Open(), Encoding.UTF8).ReadToEnd();

        Assert.Contains(alice.Handle, Read("profile.json"), StringComparison.Ordinal);
        Assert.Contains(bob.UserId, Read("following.json"), StringComparison.Ordinal);
        Assert.Contains(carol.UserId, Read("blocked.json"), StringComparison.Ordinal);
        var conversation = Read($"conversations/{conversationId}.json");
        Assert.Contains("keep <this> one", JsonNode.Parse(conversation)!["messages"]!.AsArray().Select(m => (string?)m!["text"]));
        Assert.DoesNotContain("secret that bob unsends", conversation, StringComparison.Ordinal);
        Assert.DoesNotContain("deleted by alice for herself", conversation, StringComparison.Ordinal);
        var media = zip.Entries.Where(e => e.FullName.StartsWith("media/", StringComparison.Ordinal)).Select(e => e.FullName).ToList();
        Assert.Equal([$"media/{photo}.jpeg"], media);
        Assert.DoesNotContain(SampleMedia.Location, Read($"media/{photo}.jpeg"), StringComparison.Ordinal);
        var index = Read("index.html");
        Assert.Contains("keep &lt;this&gt; one", index, StringComparison.Ordinal);
        Assert.DoesNotContain("secret that bob unsends", index, StringComparison.Ordinal);
    }
}
