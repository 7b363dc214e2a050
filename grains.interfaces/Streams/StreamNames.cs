using Orleans.Runtime;

namespace OrleansDirect.Streams;

/// <summary>Names of the streams that carry events to gateways. Streams are keyed by the <em>recipient</em>.</summary>
public static class StreamNames
{
    /// <summary>The stream provider, configured under this name on silos and gateways.</summary>
    public const string Provider = "direct";

    /// <summary>Namespace of per-user streams; the stream key is the user id.</summary>
    public const string UserNamespace = "user";

    /// <summary>The stream that carries everything addressed to <paramref name="userId"/>.</summary>
    public static StreamId ForUser(string userId) => StreamId.Create(UserNamespace, userId);
}
