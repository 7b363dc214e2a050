using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

/// <summary>Helpers for common conversation steps over the wire.</summary>
public static class Conversation
{
    public static async Task<string> OpenDirectAsync(WsClient client, TestUser other)
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

    public static async Task<JsonObject> NextMessageAsync(WsClient client, string what) =>
        (await client.WaitForAsync("message", what))["message"]!.AsObject();
}
