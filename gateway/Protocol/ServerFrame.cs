using System.Text.Json.Serialization;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>Base of every frame the gateway sends. <c>replyTo</c> echoes the <c>id</c> of the client frame it answers.</summary>
public abstract record ServerFrame
{
    [JsonPropertyOrder(-2)]
    public abstract string Type { get; }

    [JsonPropertyOrder(-1)]
    public string? ReplyTo { get; init; }
}
