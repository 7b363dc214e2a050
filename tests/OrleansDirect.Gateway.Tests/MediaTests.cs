using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

/// <summary>Media over the real HTTP API and WebSocket protocol.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class MediaTests(GatewayFixture fixture)
{
    private RunningGateway Gateway => fixture.Gateway;

    private HttpClient Http(TestUser user) => Accounts.SignedIn(Gateway, user);

    private static Task<HttpResponseMessage> UploadAsync(HttpClient http, byte[] content, string declaredType = "application/octet-stream") =>
        Accounts.UploadAsync(http, content, declaredType);

    [Fact]
    public async Task Photo_UploadedSentAndFetchedByTheRecipient_WithoutLocation_AndNobodyElse()
    {
        var (alice, bob, carol) = (await Accounts.CreateAsync(Gateway), await Accounts.CreateAsync(Gateway), await Accounts.CreateAsync(Gateway));
        await using var a = await WsClient.ConnectAsync(Gateway.WebSocketUri, "alice");
        await a.AuthAndSyncAsync(alice.Token);
        await using var b = await WsClient.ConnectAsync(Gateway.WebSocketUri, "bob");
        await b.AuthAndSyncAsync(bob.Token);
        var conversationId = await Conversation.OpenDirectAsync(a, bob);

        using var aliceHttp = Http(alice);
        var uploaded = await UploadAsync(aliceHttp, SampleMedia.JpegWithExif(), "text/plain");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var media = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("image", "image/jpeg"), ((string?)media["kind"], (string?)media["contentType"]));
        var mediaId = (string)media["mediaId"]!;

        var sent = await Conversation.RequestAsync(a, "p", new { type = "send", id = "p", conversationId, clientMessageId = "p1", mediaId, text = "look" });
        Assert.Equal("sent", (string?)sent["type"]);
        var message = await b.WaitForAsync("message", "the photo message", f => f["message"]!["media"] is not null);
        Assert.Equal(mediaId, (string?)message["message"]!["media"]!["mediaId"]);

        using var bobHttp = Http(bob);
        var fetched = await bobHttp.GetAsync($"/v1/media/{mediaId}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("image/jpeg", fetched.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", fetched.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var bytes = await fetched.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain(SampleMedia.Location, Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        using var carolHttp = Http(carol);
        var refused = await carolHttp.GetAsync($"/v1/media/{mediaId}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("media_not_found", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        using var anonymous = Gateway.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/media/{mediaId}")).StatusCode);
    }

    [Fact]
    public async Task Uploads_AreRefusedByContentAndSize_WithProblemDetails()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        using var http = Http(alice);

        var notMedia = await UploadAsync(http, "<html>not a photo</html>"u8.ToArray(), "image/jpeg");
        var tooLarge = await UploadAsync(http, SampleMedia.JpegWithExif(imageDataBytes: 300 * 1024));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMedia.StatusCode);
        Assert.Equal("unsupported_media_type", (string?)(await notMedia.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("media_too_large", (string?)(await tooLarge.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/media/not-an-id")).StatusCode);
        var empty = await UploadAsync(http, []);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("invalid_body", (string?)(await empty.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
    }

    [Fact]
    public async Task GatewayUploadLimit_RefusesLargerBodiesWith413_BeforeTheSilosLimits()
    {
        // A gateway whose own limit (1 KB) is below the silos' per-kind limits: it refuses the body itself.
        var strictGateway = await fixture.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway:MaxUploadBytes"] = "1024" });
        var alice = await Accounts.CreateAsync(strictGateway);
        using var http = Accounts.SignedIn(strictGateway, alice);

        var tooLarge = await UploadAsync(http, SampleMedia.JpegWithExif(imageDataBytes: 4096));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var problem = (await tooLarge.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("media_too_large", "Uploads are limited to 1024 bytes by this gateway."), ((string?)problem["code"], (string?)problem["detail"]));
    }

    [Fact]
    public async Task ViewOnce_CanBeFetchedOnceByEachRecipient()
    {
        var (admin, first, second) = (await Accounts.CreateAsync(Gateway), await Accounts.CreateAsync(Gateway), await Accounts.CreateAsync(Gateway));
        await using var a = await WsClient.ConnectAsync(Gateway.WebSocketUri, "admin");
        await a.AuthAndSyncAsync(admin.Token);
        var created = await Conversation.RequestAsync(a, "g", new { type = "create_group", id = "g", name = "view once", userIds = new[] { first.UserId, second.UserId } });
        var groupId = (string)created["conversation"]!["conversationId"]!;
        using var adminHttp = Http(admin);
        var mediaId = (string)(await (await UploadAsync(adminHttp, SampleMedia.Mp4())).Content.ReadFromJsonAsync<JsonObject>())!["mediaId"]!;
        Assert.Equal("sent", (string?)(await Conversation.RequestAsync(a, "v", new { type = "send", id = "v", conversationId = groupId, clientMessageId = "v1", mediaId, viewOnce = true }))["type"]);

        using var firstHttp = Http(first);
        Assert.Equal(HttpStatusCode.OK, (await firstHttp.GetAsync($"/v1/media/{mediaId}")).StatusCode);
        var again = await firstHttp.GetAsync($"/v1/media/{mediaId}");
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal("already_viewed", (string?)(await again.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        using var secondHttp = Http(second);
        Assert.Equal(HttpStatusCode.OK, (await secondHttp.GetAsync($"/v1/media/{mediaId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secondHttp.GetAsync($"/v1/media/{mediaId}")).StatusCode);
        Assert.False(File.Exists(Path.Combine(TestSettings.MediaDirectory, mediaId)), "deleted after every recipient opened it");
    }
}
