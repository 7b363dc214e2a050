using System.Text.Json.Nodes;

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

    public static async Task<JsonObject> NextMessageAsync(WsClient client, string what) =>
        (await client.WaitForAsync("message", what))["message"]!.AsObject();
}
