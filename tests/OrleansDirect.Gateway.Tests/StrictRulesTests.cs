using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

/// <summary>A silo and gateway with real-world rules at test scale (<see cref="TestSettings.Strict"/>).</summary>
public sealed class StrictGatewayFixture : IAsyncLifetime
{
    private LocalSystem _system = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await LocalSystem.StartAsync(silos: 1, TestSettings.Strict, GatewayFixture.GatewaySettings);
        Gateway = await _system.StartGatewayAsync();
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}

/// <summary>Anti-spam limits and the new-account rule over the wire.</summary>
[Trait("Category", "Gateway")]
public sealed class StrictRulesTests(StrictGatewayFixture fixture) : IClassFixture<StrictGatewayFixture>
{
    private RunningGateway Gateway => fixture.Gateway;

    private async Task<(TestUser User, WsClient Client)> UserAsync(string name)
    {
        var user = await Accounts.CreateAsync(Gateway);
        var client = await WsClient.ConnectAsync(Gateway.WebSocketUri, name);
        await client.AuthAndSyncAsync(user.Token);
        return (user, client);
    }

    [Fact]
    public async Task RateLimitedSends_GetACodeAndRetryAfter()
    {
        var (_, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        await Conversation.RequestAsync(b, "s", new { type = "update_settings", id = "s", newAccountsNeedApproval = false });
        var conversationId = await Conversation.OpenDirectAsync(a, bob);

        List<string?> outcomes = [];
        for (var i = 0; i < 4; i++)
        {
            var reply = await Conversation.RequestAsync(a, $"m{i}", new { type = "send", id = $"m{i}", conversationId, clientMessageId = $"c{i}", text = "hi" });
            outcomes.Add((string?)reply["type"] == "error" ? (string?)reply["code"] : (string?)reply["type"]);
            if ((string?)reply["code"] == "rate_limited")
            {
                Assert.True((long)reply["retryAfterMs"]! > 0, "rate_limited carries retryAfterMs");
            }
        }

        Assert.Equal(["sent", "sent", "sent", "rate_limited"], outcomes);
    }

    [Fact]
    public async Task UploadsAndDataDownloads_BeyondTheirLimits_Get429WithRetryAfter()
    {
        // The strict silo allows 2 uploads per hour and 1 data download per day per user.
        var (alice, bob) = (await Accounts.CreateAsync(Gateway), await Accounts.CreateAsync(Gateway));
        using var aliceHttp = Accounts.SignedIn(Gateway, alice);
        using var bobHttp = Accounts.SignedIn(Gateway, bob);

        List<HttpStatusCode> uploads = [];
        HttpResponseMessage? refusedUpload = null;
        for (var i = 0; i < 3; i++)
        {
            var response = await Accounts.UploadAsync(aliceHttp, SampleMedia.JpegWithExif(), "image/jpeg");
            uploads.Add(response.StatusCode);
            refusedUpload = response;
        }

        var firstExport = await aliceHttp.PostAsync("/v1/exports", null);
        var refusedExport = await aliceHttp.PostAsync("/v1/exports", null);
        var bobsUpload = await Accounts.UploadAsync(bobHttp, SampleMedia.OggOpus(), "audio/ogg");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], uploads);
        Assert.Equal(HttpStatusCode.Accepted, firstExport.StatusCode);
        foreach (var refused in new[] { refusedUpload!, refusedExport })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("rate_limited", (string?)problem["code"]);
            var retryAfterMs = (long)problem["retryAfterMs"]!;
            Assert.True(retryAfterMs > 0, "rate_limited carries retryAfterMs");
            Assert.Equal(TimeSpan.FromSeconds((retryAfterMs + 999) / 1000), refused.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(HttpStatusCode.Created, bobsUpload.StatusCode); // the limits are per user
    }

    [Fact]
    public async Task NewAccounts_LandInRequestsEvenWhenFollowed()
    {
        var (newcomer, a) = await UserAsync("newcomer");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        var conversationId = await Conversation.OpenDirectAsync(a, bob); // bob follows the newcomer first

        await Conversation.RequestAsync(a, "m", new { type = "send", id = "m", conversationId, clientMessageId = "c1", text = "hi" });

        var message = await b.WaitForAsync("message", "the newcomer's message");
        Assert.Equal(("requests", true), ((string?)message["folder"], (bool?)message["message"]!["request"]));
        Assert.Equal(newcomer.UserId, (string?)message["message"]!["senderId"]);
    }
}
