using System.Net.Http.Json;
using System.Text.Json;
using OrleansDirect.Tests;

namespace OrleansDirect.Benchmarks;

/// <summary>Two signed-in users of a running gateway with a 1:1 conversation between them.</summary>
public sealed class OrleansDirectPair : IChatPair
{
    private readonly WebSocketPeer _sender = new(f => Field(f, "sent", null));
    private readonly WebSocketPeer _recipient = new(f => Field(f, "message", "message"));
    private string _conversationId = "";

    public static async Task<OrleansDirectPair> ConnectAsync(RunningGateway gateway)
    {
        var pair = new OrleansDirectPair();
        using var http = gateway.CreateHttpClient();
        var alice = await SignUpAndInAsync(http);
        var bob = await SignUpAndInAsync(http);
        await pair._sender.ConnectAsync(gateway.WebSocketUri);
        await pair._recipient.ConnectAsync(gateway.WebSocketUri);
        foreach (var (peer, user) in new[] { (pair._sender, alice), (pair._recipient, bob) })
        {
            await peer.SendAsync(new { type = "auth", token = user.Token });
            await peer.NextOtherAsync(f => f.GetProperty("type").GetString() == "ready");
            await peer.SendAsync(new { type = "sync" });
            await peer.NextOtherAsync(f => f.GetProperty("type").GetString() == "sync_done");
        }

        // The recipient follows the sender, so the conversation is a normal one, not a one-message request.
        await pair._recipient.SendAsync(new { type = "follow", id = "follow", userId = alice.UserId });
        await pair._recipient.NextOtherAsync(f => f.GetProperty("type").GetString() == "ok");
        await pair._sender.SendAsync(new { type = "open_direct", userId = bob.UserId });
        var opened = await pair._sender.NextOtherAsync(f => f.GetProperty("type").GetString() == "conversation");
        pair._conversationId = opened.GetProperty("conversation").GetProperty("conversationId").GetString()!;
        return pair;
    }

    public Task SendAsync(string messageId) =>
        _sender.SendAsync(new { type = "send", conversationId = _conversationId, clientMessageId = messageId, text = "benchmark message" });

    public Task<long> ReceivedAtAsync(string messageId) => _recipient.ArrivalOf(messageId);

    /// <summary>Completes when the sender got <c>sent</c> for the message: it is stored.</summary>
    public Task<long> AcknowledgedAtAsync(string messageId) => _sender.ArrivalOf(messageId);

    public async ValueTask DisposeAsync()
    {
        await _sender.DisposeAsync();
        await _recipient.DisposeAsync();
    }

    private static string? Field(JsonElement frame, string type, string? inner)
    {
        if (frame.GetProperty("type").GetString() != type)
        {
            return null;
        }

        var holder = inner is null ? frame : frame.GetProperty(inner);
        return holder.GetProperty("clientMessageId").GetString();
    }

    private static async Task<(string UserId, string Token)> SignUpAndInAsync(HttpClient http)
    {
        var handle = "b" + Guid.NewGuid().ToString("N")[..20];
        const string password = "benchmark password";
        (await http.PostAsJsonAsync("/v1/accounts", new { handle, password })).EnsureSuccessStatusCode();
        var session = await (await http.PostAsJsonAsync("/v1/sessions", new { handle, password })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        return (session.GetProperty("user").GetProperty("userId").GetString()!, session.GetProperty("token").GetString()!);
    }
}
