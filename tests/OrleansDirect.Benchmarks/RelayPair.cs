namespace OrleansDirect.Benchmarks;

/// <summary>Two clients of the baseline relay.</summary>
public sealed class RelayPair : IChatPair
{
    private readonly WebSocketPeer _sender = new(_ => null);
    private readonly WebSocketPeer _recipient = new(f => f.GetProperty("id").GetString());
    private readonly string _to = "b" + Guid.NewGuid().ToString("N");

    public static async Task<RelayPair> ConnectAsync(RelayServer relay)
    {
        var pair = new RelayPair();
        await pair._sender.ConnectAsync(new Uri(relay.BaseUri, "/relay/a" + Guid.NewGuid().ToString("N")));
        await pair._recipient.ConnectAsync(new Uri(relay.BaseUri, "/relay/" + pair._to));
        return pair;
    }

    public Task SendAsync(string messageId) => _sender.SendAsync(new { to = _to, id = messageId, text = "benchmark message" });

    public Task<long> ReceivedAtAsync(string messageId) => _recipient.ArrivalOf(messageId);

    public async ValueTask DisposeAsync()
    {
        await _sender.DisposeAsync();
        await _recipient.DisposeAsync();
    }
}
