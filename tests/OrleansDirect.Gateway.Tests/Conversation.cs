using System.Text.Json.Nodes;
using Orleans.Streams;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>Helpers for common conversation steps over the wire.</summary>
public static class Conversation
{
    /// <summary>
    /// Opens a 1:1 conversation that lands in <paramref name="other"/>'s inbox with full messaging: the other user
    /// follows the caller first (over a connection of their own). Message requests are tested in PrivacyTests.
    /// </summary>
    public static async Task<string> OpenDirectAsync(WsClient client, TestUser other)
    {
        await FollowAsync(client.Uri, other, client.UserId ?? throw new InvalidOperationException("Authenticate the client first."));
        return await OpenAsync(client, other);
    }

    /// <summary>Opens (or returns) a 1:1 conversation as it is, with no follow first.</summary>
    public static async Task<string> OpenAsync(WsClient client, TestUser other)
    {
        await client.SendAsync(new { type = "open_direct", id = "open", userId = other.UserId });
        var frame = await client.WaitForAsync("conversation", "conversation after open_direct");
        return (string)frame["conversation"]!["conversationId"]!;
    }

    public static async Task<JsonObject> SendAsync(WsClient client, string conversationId, string text, string? clientMessageId = null)
    {
        var id = clientMessageId ?? Guid.NewGuid().ToString("N");
        await client.SendAsync(new { type = "send", id = "r-" + id, conversationId, clientMessageId = id, text });
        return await client.WaitForAsync("sent", $"sent for {id}", f => (string?)f["replyTo"] == "r-" + id);
    }

    /// <summary><paramref name="follower"/> follows <paramref name="followedId"/>, over a short-lived connection.</summary>
    public static async Task FollowAsync(Uri gateway, TestUser follower, string followedId)
    {
        await using var socket = await WsClient.ConnectAsync(gateway, follower.Handle + "-follows");
        await socket.SendAsync(new { type = "auth", token = follower.Token });
        await socket.ExpectAsync("ready", "ready before follow");
        await socket.SendAsync(new { type = "follow", id = "follow", userId = followedId });
        await socket.WaitForAsync("ok", $"{follower.Handle} follows {followedId}", f => (string?)f["replyTo"] == "follow");
    }

    /// <summary>Sends a request frame and returns the reply (any type) to it.</summary>
    public static async Task<JsonObject> RequestAsync(WsClient client, string id, object frame)
    {
        await client.SendAsync(frame);
        return await client.WaitForAsync("*", $"{client.Name}: reply to '{id}'", f => (string?)f["replyTo"] == id);
    }

    /// <summary>
    /// Frames <paramref name="client"/> receives before a marker published now on the user's stream: everything the
    /// grains published for this user before this call (one user stream is one ordered queue), so a test can assert
    /// that something was never sent without waiting for a timeout.
    /// </summary>
    public static async Task<List<JsonObject>> UntilSentinelAsync(RunningGateway gateway, WsClient client, string userId)
    {
        var marker = "sentinel-" + Guid.NewGuid().ToString("N");
        await gateway.ClusterClient.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(userId)).OnNextAsync(new ConversationRemoved(marker));
        List<JsonObject> frames = [];
        while (true)
        {
            var frame = await client.NextAsync($"the sentinel on {client.Name}'s connection");
            if ((string?)frame["type"] == "conversation_removed" && (string?)frame["conversationId"] == marker)
            {
                return frames;
            }

            frames.Add(frame);
        }
    }

    public static async Task<JsonObject> NextMessageAsync(WsClient client, string what) =>
        (await client.WaitForAsync("message", what))["message"]!.AsObject();
}
